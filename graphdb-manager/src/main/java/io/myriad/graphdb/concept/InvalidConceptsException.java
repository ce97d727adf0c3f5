package io.myriad.graphdb.concept;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An import refused as a whole because some of its items are invalid: a 400 problem titled "Invalid concepts" whose
 * {@code errors} name each bad item and field. It carries its own problem, as Spring MVC's exceptions do, so the
 * service's {@code ResponseEntityExceptionHandler} answers it without the web package knowing about concepts.
 */
public class InvalidConceptsException extends ErrorResponseException {

    private final List<ItemError> errors;

    public InvalidConceptsException(String message, List<ItemError> errors) {
        super(HttpStatus.BAD_REQUEST, problem(message, errors), null);
        this.errors = List.copyOf(errors);
    }

    public List<ItemError> errors() {
        return this.errors;
    }

    private static ProblemDetail problem(String message, List<ItemError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, message);
        problem.setTitle("Invalid concepts");
        problem.setProperty("errors", List.copyOf(errors));
        return problem;
    }
}
