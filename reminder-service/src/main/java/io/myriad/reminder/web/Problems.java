package io.myriad.reminder.web;

import java.net.URI;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the API as an RFC 9457 problem, with each invalid field or parameter named as the client wrote it;
 * never a stack trace or a Java class name. The starter answers what never reaches here (bodies over the limit,
 * malformed requests, the error path) and gives these problems their type.
 */
@RestControllerAdvice
class Problems extends ResponseEntityExceptionHandler {

    /** In the fleet's problem scheme ({@code https://myriad.io/problems/<slug>}), more telling than "conflict". */
    static final URI QUOTA_EXCEEDED = URI.create("https://myriad.io/problems/quota-exceeded");

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<String> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> error.getField() + " " + error.getDefaultMessage())
                .sorted()
                .toList();
        return handleExceptionInternal(ex, invalid(errors), headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String where = (ex.getCause() instanceof DatabindException databind && !databind.getPath().isEmpty())
                ? " (at " + path(databind.getPath()) + ")" : "";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request body must be a JSON object with the documented fields and types" + where);
        problem.setTitle("Unreadable request body");
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<String> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> result.getMethodParameter().getParameterName() + " "
                                + error.getDefaultMessage()))
                .sorted()
                .toList();
        return handleExceptionInternal(ex, invalid(errors), headers, HttpStatus.BAD_REQUEST, request);
    }

    /**
     * The JSON path of the field Jackson could not read, as a client wrote it ({@code channels[2].url}); Jackson's
     * own path reference starts with the Java class ({@code io.myriad.reminder.reminders.ReminderRequest["..."]}).
     */
    static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            }
            else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "the top level" : path.toString();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalidRequest(InvalidRequestException ex) {
        return ResponseEntity.badRequest().body(invalid(ex.errors()));
    }

    /**
     * 409, not 429: no amount of waiting frees a place (only a delete does), so a {@code Retry-After} would send a
     * client into retries that cannot succeed; the user's collection is in a state that conflicts with one more.
     */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> quotaExceeded(QuotaExceededException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.errors().get(0));
        problem.setType(QUOTA_EXCEEDED);
        problem.setTitle("Quota exceeded");
        problem.setProperty("limit", ex.limit().value());
        problem.setProperty("max", ex.max());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notFound(NotFoundException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
        problem.setTitle("Not found");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }

    private static ProblemDetail invalid(List<String> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, String.join("; ", errors));
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return problem;
    }
}
