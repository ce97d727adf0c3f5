package io.myriad.agents.pool;

import java.time.Duration;

/** The fleet's SLO buckets for latency timers: few series, enough for dashboards' quantiles. */
public final class LatencyBuckets {

    private LatencyBuckets() {
    }

    public static Duration[] slo() {
        return new Duration[] { Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
                Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
                Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10) };
    }
}
