package io.myriad.graphdb.web;

/** A request parameter or body the graph cannot act on: answered with a 400 problem. */
public class BadRequestException extends RuntimeException {

    public BadRequestException(String message) {
        super(message);
    }
}
