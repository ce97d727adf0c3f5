package io.myriad.contracts.answer;

import java.util.List;

import io.myriad.contracts.agent.AgentResult;

/**
 * Agent results to compose into one answer.
 *
 * @param queryId the query
 * @param question the question as the user wrote it
 * @param format how to render the answer
 * @param results every task's result, failed and timed-out ones included
 * @param unknownPhrases what the question named that the graph does not know, to say so
 */
public record ComposeRequest(String queryId, String question, Format format, List<AgentResult> results,
        List<String> unknownPhrases) {
}
