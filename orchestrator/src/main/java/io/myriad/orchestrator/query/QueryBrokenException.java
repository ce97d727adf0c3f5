package io.myriad.orchestrator.query;

/** A query that failed inside the orchestrator itself; it is stored and counted as failed. */
class QueryBrokenException extends RuntimeException {

    private final QueryAnswer answer;

    QueryBrokenException(QueryAnswer answer, Throwable cause) {
        super("query " + answer.queryId() + " failed in the orchestrator", cause);
        this.answer = answer;
    }

    QueryAnswer answer() {
        return this.answer;
    }
}
