package io.myriad.orchestrator.registry;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.myriad.contracts.graph.RegistryStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The registry's count of active agents as a gauge, refreshed in the background so that a scrape never waits for
 * the graphdb-manager; when it does not answer, the gauge keeps the last count it gave.
 */
@Component
class ActiveAgents {

    private static final Logger log = LoggerFactory.getLogger(ActiveAgents.class);

    private final RestClient graphDb;

    private final AtomicLong count = new AtomicLong();

    private volatile boolean reachable = true;

    ActiveAgents(RestClient graphDb, MeterRegistry meters) {
        this.graphDb = graphDb;
        Gauge.builder("orchestrator.active.agents", this.count, AtomicLong::get)
                .description("Active agents in the registry, as the graphdb-manager last reported")
                .baseUnit("agents")
                .register(meters);
    }

    @Scheduled(fixedDelayString = "${myriad.orchestrator.stats-refresh:15s}")
    void refresh() {
        try {
            RegistryStats stats = this.graphDb.get().uri("/api/v1/stats").retrieve().body(RegistryStats.class);
            if (stats != null) {
                this.count.set(stats.activeAgents());
            }
            if (!this.reachable) {
                log.info("Registry stats are reachable again: {} active agents", this.count.get());
                this.reachable = true;
            }
        }
        catch (RuntimeException ex) {
            if (this.reachable) {
                log.warn("Registry stats unavailable, keeping the last active-agent count: {}", ex.getMessage());
                this.reachable = false;
            }
        }
    }
}
