package io.myriad.contracts.query;

/**
 * A question to turn into a structured query.
 *
 * @param queryId the orchestrator's id for the query
 * @param text the question as the user wrote it
 * @param zone the caller's time zone (an IANA id such as {@code Europe/Paris}), for time expressions
 */
public record ParseRequest(String queryId, String text, String zone) {
}
