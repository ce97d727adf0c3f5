package io.myriad.orchestrator.query;

/** A service the query cannot do without (the input-processor, the output-processor, Kafka) did not answer. */
class HopUnavailableException extends RuntimeException {

    private final String hop;

    HopUnavailableException(String hop, Throwable cause) {
        super(hop + " did not answer", cause);
        this.hop = hop;
    }

    String hop() {
        return this.hop;
    }
}
