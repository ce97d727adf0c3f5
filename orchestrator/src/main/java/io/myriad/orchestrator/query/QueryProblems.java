package io.myriad.orchestrator.query;

import java.net.URI;
import java.util.List;

import io.myriad.contracts.reminder.ReminderViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the API as an RFC 9457 problem: bad input (counted as rejected queries), an unknown query id, and
 * a query the fleet could not answer. Never a stack trace. A body over the limit never gets here: the starter's
 * request guard answers 413 before the body is read ({@code myriad.observability.web.max-body-size}).
 */
@RestControllerAdvice
class QueryProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(QueryProblems.class);

    /** The type of a problem with a reminder asked for in a question; documented in docs/pipeline.md. */
    static final URI INVALID_REMINDER = URI.create("https://myriad.example/problems/invalid-reminder");

    private final QueryMetrics metrics;

    QueryProblems(QueryMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        this.metrics.rejected();
        List<String> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> error.getField() + " " + error.getDefaultMessage())
                .sorted()
                .toList();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, String.join("; ", errors));
        problem.setTitle("Invalid query");
        problem.setProperty("errors", errors);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        this.metrics.rejected();
        return super.handleHandlerMethodValidationException(ex, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        this.metrics.rejected();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request body must be a JSON object such as {\"text\": \"What is a lightbulb?\"}");
        problem.setTitle("Unreadable request body");
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        this.metrics.rejected();
        return super.handleHttpMediaTypeNotSupported(ex, headers, status, request);
    }

    @ExceptionHandler
    ProblemDetail queryNotFound(QueryNotFoundException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
        problem.setTitle("Unknown query");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail queryFailed(QueryFailedException ex) {
        log.warn("Query {} failed: {}", ex.answer().queryId(), ex.getMessage());
        return failedQuery(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage() + "; please ask again.", ex.answer());
    }

    @ExceptionHandler
    ProblemDetail queryBroken(QueryBrokenException ex) {
        log.error("Query {} failed in the orchestrator", ex.answer().queryId(), ex.getCause());
        return failedQuery(HttpStatus.INTERNAL_SERVER_ERROR,
                "The question could not be answered; the query's trace shows where it failed.", ex.answer());
    }

    /**
     * A reminder the reminder-service would refuse: said at once, with each rule it breaks, instead of answering
     * that it was set and letting the reminder-service drop it.
     */
    @ExceptionHandler
    ProblemDetail reminderRefused(ReminderRefusedException ex) {
        List<String> errors = ex.violations().stream().map(ReminderViolation::toString).toList();
        ProblemDetail problem = failedQuery(HttpStatus.UNPROCESSABLE_CONTENT,
                "The reminder asked for cannot be set: " + String.join("; ", errors), ex.answer());
        problem.setType(INVALID_REMINDER);
        problem.setTitle("Reminder not possible");
        problem.setProperty("errors", errors);
        return problem;
    }

    /** A problem that points at the stored, failed query and its trace. */
    private static ProblemDetail failedQuery(HttpStatus status, String detail, QueryAnswer answer) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle("Query failed");
        problem.setInstance(URI.create("/api/v1/queries/" + answer.queryId()));
        problem.setProperty("queryId", answer.queryId());
        problem.setProperty("traceId", answer.traceId());
        return problem;
    }
}
