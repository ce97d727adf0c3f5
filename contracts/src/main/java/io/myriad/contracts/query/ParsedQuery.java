package io.myriad.contracts.query;

import java.util.List;

import io.myriad.contracts.reminder.ReminderSpec;

/**
 * A question as the input-processor understood it.
 *
 * @param queryId the orchestrator's id for the query
 * @param intent the main intent; {@link Intent#UNKNOWN} when none was recognised
 * @param concepts the graph concepts the question names, by canonical name, in order of appearance
 * @param unknownPhrases noun phrases that name no concept in the graph
 * @param tasks the work the question asks for, one task per (concept, intent)
 * @param reminder for {@link Intent#REMIND}, what to remind and when; otherwise {@code null}
 */
public record ParsedQuery(String queryId, Intent intent, List<String> concepts, List<String> unknownPhrases,
        List<PlannedTask> tasks, ReminderSpec reminder) {
}
