package io.myriad.agents.registry;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.myriad.agents.graphdb.GraphdbClient;
import io.myriad.contracts.graph.AgentDescriptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The agents this instance serves, by id: learnt from the registry's {@code AgentCreated} events and, for an agent a
 * task names before its event arrived, from the graphdb-manager.
 */
@Component
public class AgentRegistry {

    private static final Logger log = LoggerFactory.getLogger(AgentRegistry.class);

    private static final String NEUROGENESIS = "neurogenesis";

    private static final String RETIRED = "retired";

    private final Map<String, AgentDescriptor> agents = new ConcurrentHashMap<>();

    private final GraphdbClient graphdb;

    public AgentRegistry(GraphdbClient graphdb, MeterRegistry meters) {
        this.graphdb = graphdb;
        Gauge.builder("agents.active", this.agents, Map::size)
                .description("Agents this instance knows and answers for")
                .register(meters);
    }

    /**
     * The agent of that id, asked of the graphdb-manager when not yet known; empty when the registry has none.
     * @throws io.myriad.agents.graphdb.GraphdbUnavailableException when the graphdb-manager must be asked and
     * does not answer
     */
    public Optional<AgentDescriptor> find(String id) {
        AgentDescriptor known = this.agents.get(id);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<AgentDescriptor> fetched = this.graphdb.agent(id).filter(agent -> !RETIRED.equals(agent.status()));
        fetched.ifPresent(this::add);
        return fetched;
    }

    /** Starts answering for an agent the registry announced (neurogenesis), or stops for a retired one. */
    public void learn(AgentDescriptor agent) {
        if (RETIRED.equals(agent.status())) {
            this.agents.remove(agent.id());
            return;
        }
        add(agent);
    }

    private void add(AgentDescriptor agent) {
        AgentDescriptor previous = this.agents.put(agent.id(), agent);
        if (previous == null && NEUROGENESIS.equals(agent.origin())) {
            log.info("Neurogenesis: started agent {} ({}) for concept '{}'", agent.id(), agent.type(),
                    agent.concept());
        }
    }

    /** How many agents this instance knows. */
    public int size() {
        return this.agents.size();
    }
}
