package io.myriad.contracts.graph;

/**
 * Asks the graphdb-manager ({@code POST /api/v1/agents}) for an agent; answered with the existing one when the
 * concept already has an agent of that type.
 *
 * @param concept the canonical name of the concept
 * @param type the agent's type
 * @param origin {@code seed} or {@code neurogenesis}
 */
public record CreateAgentRequest(String concept, AgentType type, String origin) {
}
