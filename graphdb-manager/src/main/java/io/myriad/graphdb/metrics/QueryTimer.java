package io.myriad.graphdb.metrics;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/** Times each graph operation as {@code graphdb.query.duration{operation}}, failures included. */
@Component
public class QueryTimer {

    private static final Duration[] BUCKETS = { Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10) };

    private final Map<Operation, Timer> timers = new EnumMap<>(Operation.class);

    public QueryTimer(MeterRegistry registry) {
        for (Operation operation : Operation.values()) {
            this.timers.put(operation, Timer.builder("graphdb.query.duration")
                    .description("Time the knowledge graph takes to answer one operation")
                    .tag("operation", operation.tag())
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry));
        }
    }

    public <T> T time(Operation operation, Supplier<T> work) {
        return this.timers.get(operation).record(work);
    }
}
