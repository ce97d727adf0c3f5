package io.myriad.observability.web;

import java.io.IOException;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers the error path ({@code server.error.path}, {@code /error}) itself, on the public and the management
 * port: an error Tomcat forwards there (a {@code sendError}, an exception that escaped every handler) becomes a
 * problem with the status it had, and a client asking for {@code /error} directly gets a 404 problem, where Boot's
 * {@code BasicErrorController} answered 500 and the management port's error endpoint a plain JSON map. A filter
 * rather than an {@code ErrorController} so that the management port's child context, whose error endpoint
 * cannot be replaced, answers the same way.
 */
public class ErrorPathFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        if (request.getDispatcherType() == DispatcherType.ERROR
                && request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer status
                && status >= 400) {
            ProblemJson.write(response, status, ProblemJson.detail(status));
        }
        else {
            ProblemJson.write(response, 404, ProblemJson.detail(404));
        }
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }
}
