package io.myriad.orchestrator.query;

/**
 * A question on its way through the pipeline.
 *
 * @param id the query id every hop's record carries
 * @param traceId the trace it is recorded in
 * @param question the question
 * @param startNanos when it arrived ({@link System#nanoTime()})
 */
record Query(String id, String traceId, Question question, long startNanos) {

    long elapsedNanos() {
        return System.nanoTime() - this.startNanos;
    }

    long elapsedMillis() {
        return elapsedNanos() / 1_000_000;
    }
}
