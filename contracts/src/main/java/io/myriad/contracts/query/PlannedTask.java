package io.myriad.contracts.query;

import java.util.List;

/**
 * One piece of work a question asks for.
 *
 * @param taskId unique within the query, e.g. {@code t1}
 * @param intent what to do
 * @param concept the concept's canonical name
 * @param priority how soon it should be served
 * @param dependsOn ids of tasks whose results this one needs first (none yet in the seed intents)
 */
public record PlannedTask(String taskId, Intent intent, String concept, Priority priority, List<String> dependsOn) {
}
