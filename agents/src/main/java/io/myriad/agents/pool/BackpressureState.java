package io.myriad.agents.pool;

import java.util.Locale;

/** How full the pool's queue is; the gauge {@code agents.backpressure.state} reports the ordinal (0-3). */
public enum BackpressureState {
    NORMAL, WARNING, CRITICAL, OVERLOADED;

    static BackpressureState of(double utilization, PoolProperties properties) {
        if (utilization >= properties.overloadedThreshold()) {
            return OVERLOADED;
        }
        if (utilization >= properties.criticalThreshold()) {
            return CRITICAL;
        }
        if (utilization >= properties.warningThreshold()) {
            return WARNING;
        }
        return NORMAL;
    }

    /** Whether the pool stops taking tasks from Kafka in this state. */
    boolean pausesIntake() {
        return compareTo(CRITICAL) >= 0;
    }

    String level() {
        return name().toLowerCase(Locale.ROOT);
    }
}
