package io.myriad.orchestrator.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.myriad.contracts.Topics;
import io.myriad.contracts.agent.AgentResult;
import io.myriad.contracts.agent.AgentTask;
import io.myriad.contracts.agent.ResultStatus;
import io.myriad.orchestrator.OrchestratorProperties;
import io.myriad.orchestrator.messaging.KafkaRequests;

import org.springframework.kafka.requestreply.KafkaReplyTimeoutException;
import org.springframework.stereotype.Component;

/**
 * Sends every task of a query to its agent at once and gathers the results until one shared deadline: what has
 * not come back by then is recorded as timed out, so a silent agent costs the query the deadline and no more.
 */
@Component
public class TaskDispatcher {

    private final KafkaRequests requests;

    private final TaskOutcomes outcomes;

    private final Duration deadline;

    private final Clock clock;

    TaskDispatcher(KafkaRequests requests, TaskOutcomes outcomes, OrchestratorProperties properties) {
        this.requests = requests;
        this.outcomes = outcomes;
        this.deadline = properties.taskDeadline();
        this.clock = Clock.systemUTC();
    }

    /** Every assignment's result, in the assignments' order; returns by the deadline at the latest. */
    public List<AgentResult> dispatch(String queryId, List<Assignment> assignments) {
        Instant due = this.clock.instant().plus(this.deadline);
        List<CompletableFuture<AgentResult>> pending = new ArrayList<>(assignments.size());
        for (Assignment assignment : assignments) {
            pending.add(dispatch(queryId, assignment, due));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        List<AgentResult> results = pending.stream().map(CompletableFuture::join).toList();
        results.forEach(this.outcomes::record);
        return results;
    }

    private CompletableFuture<AgentResult> dispatch(String queryId, Assignment assignment, Instant due) {
        if (assignment.agent() == null) {
            return CompletableFuture.completedFuture(failed(queryId, assignment, "no agent could take the task"));
        }
        AgentTask task = new AgentTask(queryId, assignment.task().taskId(), assignment.agent().id(),
                assignment.task().concept(), assignment.task().intent(), assignment.task().priority(), due);
        Duration left = Duration.between(this.clock.instant(), due);
        if (left.isNegative() || left.isZero()) {
            return CompletableFuture.completedFuture(AgentResult.timedOut(task));
        }
        return this.requests.request(Topics.AGENT_TASKS, task.agentId(), task, left, AgentResult.class)
                .exceptionally(ex -> isTimeout(ex) ? AgentResult.timedOut(task)
                        : failed(queryId, assignment, "the task could not be delivered"))
                // The template's own timer fires at the same moment; this bounds the wait even if it lags.
                .completeOnTimeout(AgentResult.timedOut(task), left.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static boolean isTimeout(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof KafkaReplyTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static AgentResult failed(String queryId, Assignment assignment, String why) {
        return new AgentResult(queryId, assignment.task().taskId(),
                (assignment.agent() != null) ? assignment.agent().id() : null,
                (assignment.agent() != null) ? assignment.agent().type().name() : null,
                assignment.task().concept(), assignment.task().intent(), ResultStatus.FAILED, why, 0, List.of());
    }
}
