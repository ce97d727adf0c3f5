package io.myriad.agents.pool;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.myriad.contracts.agent.AgentResult;
import io.myriad.contracts.agent.AgentTask;
import io.myriad.contracts.agent.ResultStatus;

import org.springframework.stereotype.Component;

/** Turns a task that cannot be served into its explicit FAILED result, and counts it by reason. */
@Component
public class Rejections {

    private final Map<Rejection, Counter> counters = new EnumMap<>(Rejection.class);

    public Rejections(MeterRegistry meters) {
        for (Rejection rejection : Rejection.values()) {
            this.counters.put(rejection, Counter.builder("agents.observations.rejected")
                    .description("Tasks answered with a FAILED result instead of an answer, by reason")
                    .tag("reason", rejection.tag())
                    .register(meters));
        }
    }

    /** The FAILED result for the task, with the reason as its answer and confidence 0; counted. */
    public AgentResult reject(AgentTask task, Rejection rejection, String reason) {
        return reject(task, null, rejection, reason);
    }

    /** As {@link #reject(AgentTask, Rejection, String)}, for a task whose agent's type is known. */
    public AgentResult reject(AgentTask task, String agentType, Rejection rejection, String reason) {
        this.counters.get(rejection).increment();
        return failed(task, agentType, reason);
    }

    /** A FAILED result that is no rejection (e.g. the agent's own fault), not counted. */
    public static AgentResult failed(AgentTask task, String agentType, String reason) {
        return new AgentResult(task.queryId(), task.taskId(), task.agentId(), agentType, task.concept(),
                task.intent(), ResultStatus.FAILED, reason, 0, List.of());
    }
}
