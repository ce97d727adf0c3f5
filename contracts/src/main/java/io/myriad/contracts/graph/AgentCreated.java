package io.myriad.contracts.graph;

/**
 * Published on {@link io.myriad.contracts.Topics#AGENT_LIFECYCLE} when the registry creates an agent.
 *
 * @param agent the new agent
 */
public record AgentCreated(AgentDescriptor agent) {
}
