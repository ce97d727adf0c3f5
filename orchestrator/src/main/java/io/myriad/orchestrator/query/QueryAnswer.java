package io.myriad.orchestrator.query;

import java.util.List;

import io.myriad.contracts.answer.ComposedAnswer.Contribution;
import io.myriad.contracts.reminder.ReminderSpec;

/**
 * What {@code POST /api/v1/queries} answers and {@code GET /api/v1/queries/{id}} returns again.
 *
 * @param queryId the query's id
 * @param traceId the trace that recorded the query's way through the fleet
 * @param question the question as asked
 * @param intent what the question asked for, lower case; {@code null} when it was never parsed
 * @param status {@code answered}, {@code partial}, {@code reminder}, {@code failed}, or {@code rejected} (a
 *     reminder that cannot be set)
 * @param answer the answer, rendered in {@code format}
 * @param format how {@code answer} is rendered, lower case
 * @param partial true when some part of the question went unanswered
 * @param concepts the concepts the question named
 * @param unknownPhrases what the question named that the graph does not know
 * @param agents who contributed what
 * @param reminder the reminder requested, for {@code reminder}; otherwise {@code null}
 * @param durationMs how long the orchestrator took
 */
public record QueryAnswer(String queryId, String traceId, String question, String intent, String status,
        String answer, String format, boolean partial, List<String> concepts, List<String> unknownPhrases,
        List<Contribution> agents, ReminderSpec reminder, long durationMs) {
}
