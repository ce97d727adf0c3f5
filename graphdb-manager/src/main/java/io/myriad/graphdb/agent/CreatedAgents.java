package io.myriad.graphdb.agent;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * {@code graphdb.agent.creations{origin}}: agents the registry created, by the seed or on request. Not
 * {@code graphdb.agents.created}: {@code _created} is a reserved suffix in OpenMetrics, so Prometheus would expose
 * it as {@code graphdb_agents_total}, clashing with the {@code graphdb_agents} gauge.
 */
@Component
public class CreatedAgents {

    private final Map<AgentOrigin, Counter> counters = new EnumMap<>(AgentOrigin.class);

    public CreatedAgents(MeterRegistry registry) {
        for (AgentOrigin origin : AgentOrigin.values()) {
            // No base unit: Prometheus would append it, and the catalogued name is graphdb_agent_creations_total.
            this.counters.put(origin, Counter.builder("graphdb.agent.creations")
                    .description("Agents created in the registry")
                    .tag("origin", origin.value())
                    .register(registry));
        }
    }

    public void add(AgentOrigin origin, long count) {
        this.counters.get(origin).increment(count);
    }
}
