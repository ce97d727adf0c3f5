package io.myriad.graphdb.web;

import io.myriad.graphdb.events.EventNotPublishedException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as an RFC 9457 problem: Spring MVC's own (malformed JSON 400, wrong content type 415, missing
 * parameter 400 …) through {@link ResponseEntityExceptionHandler}, this service's below; never a stack trace. An
 * exception that carries its own problem (an {@code ErrorResponseException}, such as the concept import's
 * {@code InvalidConceptsException}) is answered with it by the base class.
 */
@RestControllerAdvice
class ProblemDetails extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetails.class);

    @ExceptionHandler
    ProblemDetail badRequest(BadRequestException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail notFound(NotFoundException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail eventNotPublished(EventNotPublishedException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The change could not be announced on Kafka; retry later");
        problem.setTitle("Event not published");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail concurrentChange(ConcurrencyFailureException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "The graph changed while the request was applied; nothing was written, retry");
    }

    @ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessException.class })
    ProblemDetail graphUnavailable(DataAccessException ex) {
        log.warn("Neo4j did not answer: {}", ex.toString());
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "The graph is not available; retry later");
    }

    @ExceptionHandler
    ProblemDetail unexpected(RuntimeException ex) {
        log.error("Request failed", ex);
        return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "The request could not be completed");
    }
}
