package io.myriad.graphdb.concept;

import java.util.List;

/** An import refused as a whole because some of its items are invalid. */
public class InvalidConceptsException extends RuntimeException {

    private final List<ItemError> errors;

    public InvalidConceptsException(String message, List<ItemError> errors) {
        super(message);
        this.errors = List.copyOf(errors);
    }

    public List<ItemError> errors() {
        return this.errors;
    }
}
