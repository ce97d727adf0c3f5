package io.myriad.observability.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's error page as a problem: what the container answers itself, before or outside Spring (a request line
 * or target it cannot parse, {@code %} alone, a {@code [} in the path, an error no error page took), is
 * {@code application/problem+json} with a fixed sentence per status. Tomcat's own message is not passed on: it
 * quotes the rejected input, and its HTML names the server.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorReportValve.class);

    public ProblemErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        // A request line naming an HTTP version Tomcat does not speak (HTTP/9.9) is the client's fault, not the
        // server's: answered as the malformed request it is, so that a scanner's garbage never counts as a 5xx in
        // the error-rate alerts.
        if (status == 505) {
            status = 400;
            response.setStatus(status);
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            response.setContentType(ProblemJson.MEDIA_TYPE);
            response.setCharacterEncoding("utf-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(ProblemJson.render(status, ProblemJson.detail(status)));
                response.finishResponse();
            }
        }
        catch (IOException | IllegalStateException ex) {
            log.debug("Could not write the {} problem", status, ex);
        }
    }
}
