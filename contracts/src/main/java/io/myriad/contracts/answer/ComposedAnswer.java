package io.myriad.contracts.answer;

import java.util.List;

/**
 * One answer composed from the agents' results.
 *
 * @param queryId the query
 * @param format how {@code content} is rendered
 * @param content the answer, rendered in {@code format} (for JSON, a JSON document)
 * @param contributions who said what, in the order they appear in the answer
 * @param partial true when some task failed or timed out, so the answer lacks a part the question asked for
 */
public record ComposedAnswer(String queryId, Format format, String content, List<Contribution> contributions,
        boolean partial) {

    /**
     * What one agent contributed.
     *
     * @param agentId the agent
     * @param concept the concept it spoke about
     * @param intent what it was asked, lower case
     * @param status how its task ended, lower case
     * @param confidence 0 to 1
     */
    public record Contribution(String agentId, String concept, String intent, String status, double confidence) {
    }
}
