package io.myriad.graphdb.stats;

import io.myriad.contracts.graph.RegistryStats;
import io.myriad.graphdb.metrics.Operation;
import io.myriad.graphdb.metrics.QueryTimer;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class StatsController {

    private final RegistryCounts counts;

    private final QueryTimer timer;

    StatsController(RegistryCounts counts, QueryTimer timer) {
        this.counts = counts;
        this.timer = timer;
    }

    @GetMapping("/api/v1/stats")
    RegistryStats stats() {
        return this.timer.time(Operation.STATS, this.counts::stats);
    }
}
