package io.myriad.observability.web;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Logs each request once when it completes: method, path, status and duration, under ECS field names, in the
 * request's own trace (the line carries {@code trace.id}), so a log search leads to the trace and back. The path
 * goes to the log, which is searched, never to a metric label, which is indexed.
 */
public class AccessLogFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger("io.myriad.access");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        try {
            chain.doFilter(request, response);
        }
        finally {
            if (log.isInfoEnabled()) {
                long nanos = System.nanoTime() - started;
                log.atInfo()
                        .addKeyValue("http.request.method", request.getMethod())
                        .addKeyValue("url.path", request.getRequestURI())
                        .addKeyValue("http.response.status_code", response.getStatus())
                        .addKeyValue("event.duration", nanos)
                        .log("{} {} {} {}ms", request.getMethod(), request.getRequestURI(), response.getStatus(),
                                TimeUnit.NANOSECONDS.toMillis(nanos));
            }
        }
    }
}
