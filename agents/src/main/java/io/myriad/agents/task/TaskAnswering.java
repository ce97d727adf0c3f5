package io.myriad.agents.task;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.myriad.agents.graphdb.GraphdbUnavailableException;
import io.myriad.agents.knowledge.KnowledgeSource;
import io.myriad.agents.pool.Rejection;
import io.myriad.agents.pool.Rejections;
import io.myriad.agents.pool.TaskHandler;
import io.myriad.agents.registry.AgentRegistry;
import io.myriad.agents.worker.Answer;
import io.myriad.agents.worker.Workers;
import io.myriad.contracts.agent.AgentResult;
import io.myriad.contracts.agent.AgentTask;
import io.myriad.contracts.agent.ResultStatus;
import io.myriad.contracts.graph.AgentDescriptor;
import io.myriad.contracts.graph.AgentType;
import io.myriad.contracts.graph.ConceptKnowledge;
import io.myriad.contracts.query.Intent;
import io.myriad.observability.LatencyBuckets;

import org.springframework.stereotype.Component;

/**
 * One task, start to end on a pool worker: find the agent, read its concept's knowledge, let the worker of its type
 * answer. Whatever goes wrong becomes an explicit FAILED result.
 */
@Component
class TaskAnswering implements TaskHandler {

    private final AgentRegistry registry;

    private final KnowledgeSource knowledge;

    private final Workers workers;

    private final Rejections rejections;

    private final Map<AgentType, Timer> durations = new EnumMap<>(AgentType.class);

    TaskAnswering(AgentRegistry registry, KnowledgeSource knowledge, Workers workers, Rejections rejections,
            MeterRegistry meters) {
        this.registry = registry;
        this.knowledge = knowledge;
        this.workers = workers;
        this.rejections = rejections;
        for (AgentType type : AgentType.values()) {
            this.durations.put(type, Timer.builder("agents.task.duration")
                    .description("How long an agent took to answer a task, knowledge lookup included")
                    .tag("agent_type", type.name().toLowerCase(Locale.ROOT))
                    .serviceLevelObjectives(LatencyBuckets.slo())
                    .register(meters));
        }
    }

    @Override
    public AgentResult handle(AgentTask task) {
        Optional<AgentDescriptor> agent;
        try {
            agent = this.registry.find(task.agentId());
        }
        catch (GraphdbUnavailableException ex) {
            return this.rejections.reject(task, Rejection.KNOWLEDGE_UNAVAILABLE,
                    "knowledge unavailable: the agent registry (graphdb-manager) did not answer");
        }
        if (agent.isEmpty()) {
            return this.rejections.reject(task, Rejection.UNKNOWN_AGENT, "no such agent: " + task.agentId());
        }
        AgentDescriptor descriptor = agent.get();
        return this.durations.get(descriptor.type()).record(() -> answer(task, descriptor));
    }

    private AgentResult answer(AgentTask task, AgentDescriptor agent) {
        String concept = agent.concept() != null ? agent.concept() : task.concept();
        String type = agent.type().name();
        Optional<ConceptKnowledge> known;
        try {
            known = this.knowledge.find(concept);
        }
        catch (GraphdbUnavailableException ex) {
            return this.rejections.reject(task, type, Rejection.KNOWLEDGE_UNAVAILABLE,
                    "knowledge unavailable: graphdb-manager did not answer for '" + concept + "'");
        }
        if (known.isEmpty() && agent.type() != AgentType.FACT_BASE) {
            return this.rejections.reject(task, type, Rejection.KNOWLEDGE_UNAVAILABLE,
                    "knowledge unavailable: the graph holds no concept '" + concept + "'");
        }
        // A neurogenesis agent may be born before its concept has any knowledge: it says it knows little.
        ConceptKnowledge knowledge = known
                .orElseGet(() -> new ConceptKnowledge(concept, List.of(), null, List.of(), List.of(), List.of()));
        Intent intent = task.intent() == null ? Intent.UNKNOWN : task.intent();
        Answer answer = this.workers.forType(agent.type()).answer(intent, knowledge);
        return new AgentResult(task.queryId(), task.taskId(), agent.id(), type, concept, intent,
                ResultStatus.ANSWERED, answer.text(), answer.confidence(), answer.relatedConcepts());
    }
}
