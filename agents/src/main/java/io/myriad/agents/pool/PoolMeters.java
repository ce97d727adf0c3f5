package io.myriad.agents.pool;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.myriad.contracts.query.Priority;
import io.myriad.observability.LatencyBuckets;

/**
 * The pool's counters and timers, every tag value registered up front. Counters and gauges carry no base unit: the
 * Prometheus registry would append it to the name ({@code agents_observations_tasks_total}) and the series would no
 * longer be the catalogued {@code agents_observations_total}.
 */
final class PoolMeters {

    private final Map<Priority, Counter> processed = new EnumMap<>(Priority.class);

    private final Map<Priority, Timer> waits = new EnumMap<>(Priority.class);

    private final Map<BackpressureState, Counter> activations = new EnumMap<>(BackpressureState.class);

    private final Counter batches;

    PoolMeters(MeterRegistry meters) {
        for (Priority priority : Priority.values()) {
            String lane = tag(priority);
            this.processed.put(priority, Counter.builder("agents.observations")
                    .description("Tasks the pool's workers processed, by lane")
                    .tag("priority", lane)
                    .register(meters));
            this.waits.put(priority, Timer.builder("agents.queue.wait.time")
                    .description("How long tasks waited in the queue before a worker took them, by lane")
                    .tag("priority", lane)
                    .serviceLevelObjectives(LatencyBuckets.slo())
                    .register(meters));
        }
        for (BackpressureState state : BackpressureState.values()) {
            if (state != BackpressureState.NORMAL) {
                this.activations.put(state, Counter.builder("agents.backpressure.activations")
                        .description("Times the queue's utilization rose into a backpressure level")
                        .tag("level", state.level())
                        .register(meters));
            }
        }
        this.batches = Counter.builder("agents.batches.processed")
                .description("Batches of tasks the workers took from the queue at once")
                .register(meters);
    }

    static String tag(Priority priority) {
        return priority.name().toLowerCase(Locale.ROOT);
    }

    void processed(Priority priority) {
        this.processed.get(priority).increment();
    }

    void waited(Priority priority, long nanos) {
        this.waits.get(priority).record(Duration.ofNanos(nanos));
    }

    void activated(BackpressureState state) {
        this.activations.get(state).increment();
    }

    void batch() {
        this.batches.increment();
    }
}
