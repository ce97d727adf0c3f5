package io.myriad.orchestrator.discovery;

import io.myriad.contracts.graph.AgentDescriptor;
import io.myriad.contracts.query.PlannedTask;

/**
 * What discovery found for one task.
 *
 * @param task the task
 * @param outcome whether an agent was found
 * @param agent the strongest agent for it, or {@code null} unless {@link DiscoveryOutcome#FOUND}
 */
public record Discovery(PlannedTask task, DiscoveryOutcome outcome, AgentDescriptor agent) {

    static Discovery found(PlannedTask task, AgentDescriptor agent) {
        return new Discovery(task, DiscoveryOutcome.FOUND, agent);
    }

    static Discovery none(PlannedTask task) {
        return new Discovery(task, DiscoveryOutcome.NONE, null);
    }

    static Discovery error(PlannedTask task) {
        return new Discovery(task, DiscoveryOutcome.ERROR, null);
    }
}
