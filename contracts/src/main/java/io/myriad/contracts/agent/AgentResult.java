package io.myriad.contracts.agent;

import java.util.List;

import io.myriad.contracts.query.Intent;

/**
 * An agent's answer to one task.
 *
 * @param queryId the query it belongs to
 * @param taskId the task's id within the query
 * @param agentId the agent that answered (or should have)
 * @param agentType the agent's type, as the registry holds it
 * @param concept the concept asked about
 * @param intent what was asked
 * @param status how the task ended
 * @param answer the answer's text; for a failure, why
 * @param confidence 0 to 1: how much the agent trusts its answer (0 for a failure)
 * @param relatedConcepts concepts the answer touched, for follow-up questions
 */
public record AgentResult(String queryId, String taskId, String agentId, String agentType, String concept,
        Intent intent, ResultStatus status, String answer, double confidence, List<String> relatedConcepts) {

    /** The result the orchestrator records for a task that did not come back in time. */
    public static AgentResult timedOut(AgentTask task) {
        return new AgentResult(task.queryId(), task.taskId(), task.agentId(), null, task.concept(), task.intent(),
                ResultStatus.TIMED_OUT, "no answer before the deadline", 0, List.of());
    }
}
