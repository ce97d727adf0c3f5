package io.myriad.observability.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many requests a user may make, per instance: a token bucket per token subject, refilled at a steady rate.
 * The defaults let a person click, poll and open a WebSocket freely and stop a script looping on one token.
 *
 * @param enabled whether requests are limited per user; on wherever Bucket4j is on the classpath
 * @param capacity the burst: how many requests a user may make at once before the steady rate applies
 * @param refillPerSecond the steady rate: requests per second a user may keep up
 * @param maxUsers how many users' buckets an instance keeps; the least recently seen is forgotten beyond it
 */
@ConfigurationProperties("myriad.security.rate-limit")
public record RateLimitProperties(@DefaultValue("true") boolean enabled, @DefaultValue("40") int capacity,
        @DefaultValue("20") int refillPerSecond, @DefaultValue("10000") int maxUsers) {

    public RateLimitProperties {
        if (capacity < 1 || refillPerSecond < 1 || maxUsers < 1) {
            throw new IllegalArgumentException(
                    "myriad.security.rate-limit.capacity, .refill-per-second and .max-users must be at least 1");
        }
    }
}
