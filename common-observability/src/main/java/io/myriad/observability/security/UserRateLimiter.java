package io.myriad.observability.security;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * One Bucket4j token bucket per user, in this instance's memory. At most {@code maxUsers} buckets are kept, the
 * least recently used forgotten first, so the memory a limiter holds does not grow with the number of users that
 * ever called: a forgotten user starts again with a full bucket, which is the generous side to err on.
 */
public class UserRateLimiter {

    private final RateLimitProperties properties;

    private final Map<String, Bucket> buckets;

    public UserRateLimiter(RateLimitProperties properties) {
        this.properties = properties;
        int maxUsers = properties.maxUsers();
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxUsers;
            }
        };
    }

    /**
     * Takes one request from the user's bucket.
     * @return 0 if the request may go ahead, else the whole seconds (at least 1) until the bucket allows one again
     */
    public long tryAcquire(String user) {
        ConsumptionProbe probe = bucket(user).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return 0;
        }
        return Math.max(1, (probe.getNanosToWaitForRefill() + TimeUnit.SECONDS.toNanos(1) - 1)
                / TimeUnit.SECONDS.toNanos(1));
    }

    /** How many users' buckets this instance holds now. */
    public int trackedUsers() {
        synchronized (this.buckets) {
            return this.buckets.size();
        }
    }

    private Bucket bucket(String user) {
        synchronized (this.buckets) {
            return this.buckets.computeIfAbsent(user, (key) -> Bucket.builder()
                    .addLimit((limit) -> limit.capacity(this.properties.capacity())
                            .refillGreedy(this.properties.refillPerSecond(), Duration.ofSeconds(1)))
                    .build());
        }
    }
}
