package io.myriad.orchestrator.query;

/** A query that could not be answered; it is kept, as failed, so that its id and trace can be looked up. */
class QueryFailedException extends RuntimeException {

    private final QueryAnswer answer;

    QueryFailedException(QueryAnswer answer, HopUnavailableException cause) {
        super(cause.getMessage(), cause);
        this.answer = answer;
    }

    QueryAnswer answer() {
        return this.answer;
    }
}
