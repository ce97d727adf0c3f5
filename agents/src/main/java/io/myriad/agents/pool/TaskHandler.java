package io.myriad.agents.pool;

import io.myriad.contracts.agent.AgentResult;
import io.myriad.contracts.agent.AgentTask;

/** The work a pool worker does for one task: always a result, a failed one included, never an exception. */
@FunctionalInterface
public interface TaskHandler {

    AgentResult handle(AgentTask task);
}
