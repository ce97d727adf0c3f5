package io.myriad.orchestrator.query;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.myriad.observability.LatencyBuckets;

import org.springframework.stereotype.Component;

/** How many queries end how, how long they take, and where the time goes. */
@Component
class QueryMetrics {

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
                    .serviceLevelObjectives(LatencyBuckets.slo())
                    .register(meters));
        }
        this.duration = Timer.builder("orchestrator.query.duration")
                .description("Time from a question's arrival to its answer")
                .serviceLevelObjectives(LatencyBuckets.slo())
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
