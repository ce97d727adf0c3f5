package io.myriad.contracts.graph;

/**
 * How much the graph holds ({@code GET /api/v1/stats}).
 *
 * @param concepts concepts in the graph
 * @param agents agents in the registry
 * @param activeAgents agents whose status is {@code active}
 */
public record RegistryStats(long concepts, long agents, long activeAgents) {
}
