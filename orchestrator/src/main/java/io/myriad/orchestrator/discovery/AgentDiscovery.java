package io.myriad.orchestrator.discovery;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.myriad.contracts.graph.AgentDescriptor;
import io.myriad.contracts.query.PlannedTask;
import io.myriad.orchestrator.OrchestratorProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.task.SimpleAsyncTaskExecutorBuilder;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Finds the agent that should answer each task: the graphdb-manager lists the agents that handle a (concept,
 * intent), strongest first. A query's tasks are looked up concurrently, on virtual threads that carry the query's
 * trace.
 */
@Component
public class AgentDiscovery {

    private static final Logger log = LoggerFactory.getLogger(AgentDiscovery.class);

    private final RestClient graphDb;

    private final AsyncTaskExecutor lookups;

    private final Map<DiscoveryOutcome, Counter> outcomes = new EnumMap<>(DiscoveryOutcome.class);

    private final RememberedAgents remembered;

    private final Map<Boolean, Counter> recalls = new HashMap<>();

    AgentDiscovery(RestClient graphDb, SimpleAsyncTaskExecutorBuilder executors, MeterRegistry meters,
            OrchestratorProperties properties) {
        this.graphDb = graphDb;
        this.remembered = new RememberedAgents(properties.discoveryCacheTtl(), System::nanoTime);
        for (boolean hit : new boolean[] { true, false }) {
            this.recalls.put(hit, Counter.builder("orchestrator.agent.discovery.cache")
                    .description("Agent discoveries answered from the orchestrator's short memory (hit) or asked of "
                            + "the graphdb-manager (miss)")
                    .tag("result", hit ? "hit" : "miss")
                    .register(meters));
        }
        this.lookups = executors.threadNamePrefix("discovery-")
                .virtualThreads(true)
                .taskDecorator(new ContextPropagatingTaskDecorator())
                .build();
        for (DiscoveryOutcome outcome : DiscoveryOutcome.values()) {
            this.outcomes.put(outcome, Counter.builder("orchestrator.agent.discovery")
                    .description("Agent discovery calls to the graphdb-manager, by outcome")
                    .tag("status", outcome.tag())
                    .register(meters));
        }
    }

    /** One discovery per task, in the tasks' order; a task whose lookup failed is {@link DiscoveryOutcome#ERROR}. */
    public List<Discovery> discover(List<PlannedTask> tasks) {
        if (tasks.size() == 1) {
            return List.of(discover(tasks.getFirst()));
        }
        List<CompletableFuture<Discovery>> pending = new ArrayList<>(tasks.size());
        for (PlannedTask task : tasks) {
            pending.add(CompletableFuture.supplyAsync(() -> discover(task), this.lookups));
        }
        return pending.stream().map(CompletableFuture::join).toList();
    }

    private Discovery discover(PlannedTask task) {
        Optional<AgentDescriptor> recalled = this.remembered.recall(task.concept(), task.intent());
        this.recalls.get(recalled.isPresent()).increment();
        Discovery discovery = recalled.map((agent) -> Discovery.found(task, agent)).orElseGet(() -> lookUp(task));
        if (recalled.isEmpty() && discovery.outcome() == DiscoveryOutcome.FOUND) {
            this.remembered.remember(task.concept(), task.intent(), discovery.agent());
        }
        this.outcomes.get(discovery.outcome()).increment();
        return discovery;
    }

    /**
     * Asks the graphdb-manager, and once more at once when the call did not get through (a read that timed out, a
     * connection refused): a graphdb-manager busy for a moment (a collection, a cold query) or restarting would
     * otherwise leave a task without an agent. Discovery is a read, so asking twice is safe; a second failure is the
     * task's {@link DiscoveryOutcome#ERROR}.
     */
    private Discovery lookUp(PlannedTask task) {
        try {
            return ask(task);
        }
        catch (ResourceAccessException ex) {
            log.info("Agent discovery for concept '{}' ({}) did not get through ({}); asking once more",
                    task.concept(), task.intent(), ex.getMessage());
        }
        catch (RuntimeException ex) {
            log.warn("Agent discovery failed for concept '{}' ({}): {}", task.concept(), task.intent(),
                    ex.getMessage());
            return Discovery.error(task);
        }
        try {
            return ask(task);
        }
        catch (RuntimeException ex) {
            log.warn("Agent discovery failed twice for concept '{}' ({}): {}", task.concept(), task.intent(),
                    ex.getMessage());
            return Discovery.error(task);
        }
    }

    private Discovery ask(PlannedTask task) {
        AgentDescriptor[] agents = this.graphDb.get()
                .uri(uri -> uri.path("/api/v1/agents/discovery")
                        .queryParam("concept", task.concept())
                        .queryParam("intent", task.intent().name().toLowerCase(Locale.ROOT))
                        .build())
                .retrieve()
                .body(AgentDescriptor[].class);
        if (agents == null || agents.length == 0) {
            return Discovery.none(task);
        }
        AgentDescriptor strongest = Arrays.stream(agents)
                .max(Comparator.comparingDouble(AgentDescriptor::weight))
                .orElseThrow();
        return Discovery.found(task, strongest);
    }
}
