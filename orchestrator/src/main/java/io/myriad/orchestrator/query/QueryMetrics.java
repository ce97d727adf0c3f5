package io.myriad.orchestrator.query;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/** How many queries end how, how long they take, and where the time goes. */
@Component
class QueryMetrics {

    /** The fleet's latency buckets: few series, and the edges dashboards and SLOs read. */
    private static final Duration[] LATENCY_BUCKETS = { Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10) };

    private final Map<QueryStatus, Counter> queries = new EnumMap<>(QueryStatus.class);

    private final Map<PipelineStage, Timer> stages = new EnumMap<>(PipelineStage.class);

    private final Timer duration;

    QueryMetrics(MeterRegistry meters) {
        for (QueryStatus status : QueryStatus.values()) {
            this.queries.put(status, Counter.builder("orchestrator.queries")
                    .description("Queries received, by how they ended")
                    .baseUnit("queries")
                    .tag("status", status.label())
                    .register(meters));
        }
        for (PipelineStage stage : PipelineStage.values()) {
            this.stages.put(stage, Timer.builder("orchestrator.stage.duration")
                    .description("Time a query spends in each stage of the pipeline")
                    .tag("stage", stage.tag())
                    .serviceLevelObjectives(LATENCY_BUCKETS)
                    .register(meters));
        }
        this.duration = Timer.builder("orchestrator.query.duration")
                .description("Time from a question's arrival to its answer")
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(meters);
    }

    <T> T time(PipelineStage stage, Supplier<T> work) {
        return this.stages.get(stage).record(work);
    }

    void answered(QueryStatus status, long nanos) {
        this.queries.get(status).increment();
        this.duration.record(nanos, TimeUnit.NANOSECONDS);
    }

    void rejected() {
        this.queries.get(QueryStatus.REJECTED).increment();
    }
}
