package io.myriad.graphdb.metrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.myriad.observability.LatencyBuckets;

import org.springframework.stereotype.Component;

/** Times each graph operation as {@code graphdb.query.duration{operation}}, failures included. */
@Component
public class QueryTimer {

    private final Map<Operation, Timer> timers = new EnumMap<>(Operation.class);

    public QueryTimer(MeterRegistry registry) {
        for (Operation operation : Operation.values()) {
            this.timers.put(operation, Timer.builder("graphdb.query.duration")
                    .description("Time the knowledge graph takes to answer one operation")
                    .tag("operation", operation.tag())
                    .serviceLevelObjectives(LatencyBuckets.slo())
                    .register(registry));
        }
    }

    public <T> T time(Operation operation, Supplier<T> work) {
        return this.timers.get(operation).record(work);
    }
}
