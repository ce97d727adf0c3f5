package io.myriad.agents.graphdb;

/** The graphdb-manager could not be reached or failed to answer. */
public class GraphdbUnavailableException extends RuntimeException {

    public GraphdbUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
