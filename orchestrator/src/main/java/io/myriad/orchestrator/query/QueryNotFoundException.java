package io.myriad.orchestrator.query;

/** No result is held for that query id: unknown, or older than the last ones kept. */
class QueryNotFoundException extends RuntimeException {

    QueryNotFoundException(String queryId) {
        super("No query " + queryId + " among the recent ones");
    }
}
