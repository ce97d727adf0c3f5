package io.myriad.agents.pool;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The agents' worker pool.
 *
 * @param workers worker threads; the work waits on HTTP and Redis, so more than the cores
 * @param capacity tasks the queue holds, all lanes together
 * @param batchSize the most tasks a worker takes from the queue at once, when the queue is long
 * @param warningThreshold queue utilization (0-1) from which the pool reports WARNING
 * @param criticalThreshold utilization from which it reports CRITICAL and pauses the task listener
 * @param overloadedThreshold utilization from which it reports OVERLOADED
 */
@ConfigurationProperties("myriad.agents.pool")
public record PoolProperties(@DefaultValue("8") int workers, @DefaultValue("1000") int capacity,
        @DefaultValue("4") int batchSize, @DefaultValue("0.6") double warningThreshold,
        @DefaultValue("0.8") double criticalThreshold, @DefaultValue("0.95") double overloadedThreshold) {

    public PoolProperties {
        if (workers < 1 || capacity < 1 || batchSize < 1) {
            throw new IllegalArgumentException("workers, capacity and batch-size must be at least 1");
        }
        if (!(0 < warningThreshold && warningThreshold < criticalThreshold && criticalThreshold < overloadedThreshold
                && overloadedThreshold <= 1)) {
            throw new IllegalArgumentException(
                    "thresholds must satisfy 0 < warning < critical < overloaded <= 1");
        }
    }
}
