package io.myriad.observability.web;

import java.io.IOException;
import java.io.PrintWriter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives an error that came without a body one: an actuator endpoint's 404 for a health component that does not
 * exist, a security entry point's bare 401, a controller's {@code ResponseEntity.notFound().build()}. Whatever
 * headers were set ({@code WWW-Authenticate}, {@code Allow}) stay; a body someone wrote, or a {@code sendError}
 * (the error path answers that), is left alone.
 */
public class EmptyErrorBodyFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        BodyTracking tracked = new BodyTracking(response);
        chain.doFilter(request, tracked);
        int status = tracked.getStatus();
        if (status >= 400 && !tracked.bodyStarted && !tracked.errorSent && !request.isAsyncStarted()
                && !response.isCommitted()) {
            ProblemJson.write(response, status, ProblemJson.detail(status));
        }
    }

    private static final class BodyTracking extends HttpServletResponseWrapper {

        private boolean bodyStarted;

        private boolean errorSent;

        BodyTracking(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            this.bodyStarted = true;
            return super.getOutputStream();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            this.bodyStarted = true;
            return super.getWriter();
        }

        @Override
        public void flushBuffer() throws IOException {
            this.bodyStarted = true;
            super.flushBuffer();
        }

        @Override
        public void sendError(int status) throws IOException {
            this.errorSent = true;
            super.sendError(status);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            this.errorSent = true;
            super.sendError(status, message);
        }
    }
}
