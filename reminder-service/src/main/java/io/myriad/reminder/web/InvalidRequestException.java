package io.myriad.reminder.web;

import java.util.List;

/** A request that is well-formed JSON but asks for something the service cannot do; each error names its field. */
public class InvalidRequestException extends RuntimeException {

    private final List<String> errors;

    public InvalidRequestException(List<String> errors) {
        super(String.join("; ", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return this.errors;
    }
}
