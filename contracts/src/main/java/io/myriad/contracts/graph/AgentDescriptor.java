package io.myriad.contracts.graph;

import java.time.Instant;

/**
 * An agent as the registry in the graph holds it.
 *
 * @param id stable id, e.g. {@code definition-lightbulb}
 * @param type what it does
 * @param concept the canonical name of the concept it handles
 * @param status {@code active} or {@code retired}
 * @param origin {@code seed} or {@code neurogenesis}
 * @param createdAt when the registry created it
 * @param weight the HANDLES edge's weight, which discovery orders by (strongest first)
 */
public record AgentDescriptor(String id, AgentType type, String concept, String status, String origin,
        Instant createdAt, double weight) {
}
