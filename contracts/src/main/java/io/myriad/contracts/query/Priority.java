package io.myriad.contracts.query;

/**
 * How soon a planned task should be served; the agents' pool serves higher lanes first. A metric label: a closed set.
 * It belongs to the query that plans the task: an {@link io.myriad.contracts.agent.AgentTask} carries it on, so
 * {@code agent} depends on {@code query} and never the other way round.
 */
public enum Priority {
    HIGH, NORMAL, LOW
}
