package io.myriad.reminder.store;

import java.util.List;
import java.util.function.Consumer;

import io.myriad.contracts.audit.AuditEvent;
import io.myriad.reminder.audit.AuditLog;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes a state change and its audit events in one Redis transaction (MULTI/EXEC): either the change and its
 * outbox entries are stored, or neither is. Only then are the events published; the outbox keeps each one until
 * Kafka acknowledged it, so an audit event is never lost with a broker that is down.
 */
@Component
public class Atomically {

    private final StringRedisTemplate redis;

    private final AuditLog audit;

    Atomically(StringRedisTemplate redis, AuditLog audit) {
        this.redis = redis;
        this.audit = audit;
    }

    /** Runs {@code writes} (queued, their results unread) and stores {@code events} with them, then publishes. */
    public void write(Consumer<RedisOperations<String, String>> writes, AuditEvent... events) {
        List<AuditLog.Entry> entries = this.audit.entries(events);
        List<Object> results = this.redis.execute(new SessionCallback<>() {
            @Override
            @SuppressWarnings("unchecked")
            public <K, V> List<Object> execute(RedisOperations<K, V> operations) throws DataAccessException {
                RedisOperations<String, String> ops = (RedisOperations<String, String>) operations;
                ops.multi();
                writes.accept(ops);
                for (AuditLog.Entry entry : entries) {
                    ops.opsForList().rightPush(RedisKeys.AUDIT_OUTBOX, entry.json());
                }
                return ops.exec();
            }
        });
        if (results == null || results.isEmpty() && !entries.isEmpty()) {
            throw new IllegalStateException("Redis did not execute the transaction");
        }
        this.audit.publish(entries);
    }
}
