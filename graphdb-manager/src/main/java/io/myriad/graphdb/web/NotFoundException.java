package io.myriad.graphdb.web;

/** What a request names is not in the graph: answered with a 404 problem. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
