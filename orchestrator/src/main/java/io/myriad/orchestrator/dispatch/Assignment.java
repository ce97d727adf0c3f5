package io.myriad.orchestrator.dispatch;

import io.myriad.contracts.graph.AgentDescriptor;
import io.myriad.contracts.query.PlannedTask;

/**
 * A task and the agent that is to answer it.
 *
 * @param task the task
 * @param agent the agent, or {@code null} when none could be found or grown: the task then fails unsent
 */
public record Assignment(PlannedTask task, AgentDescriptor agent) {

    public static Assignment unassigned(PlannedTask task) {
        return new Assignment(task, null);
    }
}
