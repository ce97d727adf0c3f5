package io.myriad.orchestrator.dispatch;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.myriad.contracts.agent.AgentResult;

import org.springframework.stereotype.Component;

/** Counts how the tasks of every query ended: answered, failed, or not answered in time. */
@Component
class TaskOutcomes {

    private final Counter success;

    private final Map<TaskFailureReason, Counter> failures = new EnumMap<>(TaskFailureReason.class);

    TaskOutcomes(MeterRegistry meters) {
        this.success = Counter.builder("orchestrator.task.success")
                .description("Tasks an agent answered")
                .register(meters);
        for (TaskFailureReason reason : TaskFailureReason.values()) {
            this.failures.put(reason, Counter.builder("orchestrator.task.failure")
                    .description("Tasks without an answer: the agent failed, or none came before the deadline")
                    .tag("reason", reason.tag())
                    .register(meters));
        }
    }

    void record(AgentResult result) {
        switch (result.status()) {
            case ANSWERED -> this.success.increment();
            case FAILED -> this.failures.get(TaskFailureReason.FAILED).increment();
            case TIMED_OUT -> this.failures.get(TaskFailureReason.TIMED_OUT).increment();
        }
    }
}
