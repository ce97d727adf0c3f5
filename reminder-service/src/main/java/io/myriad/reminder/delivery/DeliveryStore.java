package io.myriad.reminder.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.myriad.contracts.audit.AuditEvent;
import io.myriad.reminder.audit.Atomically;
import io.myriad.reminder.store.RedisKeys;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/** Every delivery's record, kept 30 days for inspection (failed ones included), listed per reminder. */
@Component
public class DeliveryStore {

    private static final Duration KEEP = Duration.ofDays(30);

    private final StringRedisTemplate redis;

    private final Atomically atomically;

    private final JsonMapper json;

    DeliveryStore(StringRedisTemplate redis, Atomically atomically, JsonMapper json) {
        this.redis = redis;
        this.atomically = atomically;
        this.json = json;
    }

    public Optional<Delivery> get(String id) {
        return Optional.ofNullable(this.redis.opsForValue().get(RedisKeys.delivery(id)))
                .map(stored -> this.json.readValue(stored, Delivery.class));
    }

    public void save(Delivery delivery, AuditEvent... events) {
        this.atomically.write(ops -> {
            ops.opsForValue().set(RedisKeys.delivery(delivery.id()), this.json.writeValueAsString(delivery), KEEP);
            String index = RedisKeys.reminderDeliveries(delivery.reminderId());
            ops.opsForZSet().add(index, delivery.id(), delivery.occurrence());
            ops.expire(index, KEEP);
        }, events);
    }

    /** A reminder's deliveries, oldest occurrence first. */
    public List<Delivery> of(String reminderId) {
        var ids = this.redis.opsForZSet().range(RedisKeys.reminderDeliveries(reminderId), 0, -1);
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        return this.redis.opsForValue().multiGet(ids.stream().map(RedisKeys::delivery).toList()).stream()
                .filter(Objects::nonNull)
                .map(stored -> this.json.readValue(stored, Delivery.class))
                .toList();
    }
}
