package io.myriad.contracts.agent;

import java.time.Instant;

import io.myriad.contracts.query.Intent;
import io.myriad.contracts.query.Priority;

/**
 * Work for one agent, sent to {@link io.myriad.contracts.Topics#AGENT_TASKS} keyed by agent id.
 *
 * @param queryId the query it belongs to
 * @param taskId the task's id within the query
 * @param agentId the agent that should answer
 * @param concept the concept's canonical name
 * @param intent what to do
 * @param priority the pool's lane
 * @param deadline after this the orchestrator no longer waits; an agent may drop a task it dequeues later
 */
public record AgentTask(String queryId, String taskId, String agentId, String concept, Intent intent,
        Priority priority, Instant deadline) {
}
