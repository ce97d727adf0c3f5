package io.myriad.graphdb.stats;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.myriad.graphdb.agent.AgentOrigin;
import io.myriad.graphdb.events.GraphChanged;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code graphdb.concepts} and {@code graphdb.agents{origin}}, recounted every
 * {@code myriad.graphdb.gauge-refresh} and after each write ({@link GraphChanged}) rather than on every scrape.
 */
@Component
public class RegistryGauges {

    private static final Logger log = LoggerFactory.getLogger(RegistryGauges.class);

    private final RegistryCounts counts;

    private final AtomicLong concepts = new AtomicLong();

    private final Map<AgentOrigin, AtomicLong> agents = new EnumMap<>(AgentOrigin.class);

    public RegistryGauges(RegistryCounts counts, MeterRegistry registry) {
        this.counts = counts;
        Gauge.builder("graphdb.concepts", this.concepts, AtomicLong::get)
                .description("Concepts in the knowledge graph")
                .baseUnit("concepts")
                .register(registry);
        for (AgentOrigin origin : AgentOrigin.values()) {
            AtomicLong count = new AtomicLong();
            this.agents.put(origin, count);
            Gauge.builder("graphdb.agents", count, AtomicLong::get)
                    .description("Agents in the registry")
                    .baseUnit("agents")
                    .tag("origin", origin.value())
                    .register(registry);
        }
    }

    /** Also on the writer's thread for each {@link GraphChanged}, so a request's write shows before it is answered. */
    @Scheduled(initialDelayString = "${myriad.graphdb.gauge-refresh:15s}",
            fixedDelayString = "${myriad.graphdb.gauge-refresh:15s}")
    @EventListener(GraphChanged.class)
    public void refresh() {
        try {
            RegistryCounts.GraphSize size = this.counts.size();
            this.concepts.set(size.concepts());
            this.agents.get(AgentOrigin.SEED).set(size.seedAgents());
            this.agents.get(AgentOrigin.NEUROGENESIS).set(size.neurogenesisAgents());
        }
        catch (RuntimeException ex) {
            // The gauges keep their last values; readiness reports Neo4j's state.
            log.debug("Could not recount the graph: {}", ex.toString());
        }
    }
}
