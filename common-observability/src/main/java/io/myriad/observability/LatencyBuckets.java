package io.myriad.observability;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The fleet's SLO buckets for latency timers: few series, and the edges dashboards and SLOs read (the query latency
 * SLO counts answers over the 1 s edge). Defined here only: Boot's HTTP and Kafka timers get them as property
 * defaults ({@link #asProperty()}), a service's own timers through {@link #slo()}, so every latency histogram in the
 * fleet has the same {@code le} values and one dashboard query fits them all.
 * They sit in the root package beside {@link ObservabilityDefaults}, which reads them: every concern of the starter
 * imports the root package, so the root imports none of them.
 */
public final class LatencyBuckets {

    private static final List<Duration> BUCKETS = List.of(Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10));

    private LatencyBuckets() {
    }

    /** For {@code Timer.Builder#serviceLevelObjectives}; a new array each time, since arrays can be written to. */
    public static Duration[] slo() {
        return BUCKETS.toArray(Duration[]::new);
    }

    /** As Boot's {@code management.metrics.distribution.slo.*} properties take them: {@code 5ms,10ms,...,1s,2500ms,...}. */
    public static String asProperty() {
        return BUCKETS.stream()
                .map((bucket) -> (bucket.toMillis() % 1000 == 0) ? bucket.toSeconds() + "s" : bucket.toMillis() + "ms")
                .collect(Collectors.joining(","));
    }
}
