package io.myriad.reminder.audit;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.myriad.contracts.audit.AuditEvent;
import io.myriad.reminder.store.RedisKeys;

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

    /**
     * Like {@link #write}, but only while the sorted set {@code counted} holds fewer than {@code max} members, and
     * else throws {@code full}'s exception. The set is WATCHed from the count to the EXEC, so of two creates that both
     * saw room for one, the second's transaction is discarded and counted again: they cannot both pass. Needs at
     * least one event, whose outbox entry makes a discarded transaction (empty result) tell from an executed one.
     */
    public void writeWithin(String counted, int max, Supplier<? extends RuntimeException> full,
            Consumer<RedisOperations<String, String>> writes, AuditEvent... events) {
        List<AuditLog.Entry> entries = this.audit.entries(events);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("writeWithin needs an audit event");
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Boolean written = this.redis.execute(new SessionCallback<>() {
                @Override
                @SuppressWarnings("unchecked")
                public <K, V> Boolean execute(RedisOperations<K, V> operations) throws DataAccessException {
                    RedisOperations<String, String> ops = (RedisOperations<String, String>) operations;
                    ops.watch(counted);
                    Long count = ops.opsForZSet().zCard(counted);
                    if (count != null && count >= max) {
                        ops.unwatch();
                        return false;
                    }
                    ops.multi();
                    writes.accept(ops);
                    for (AuditLog.Entry entry : entries) {
                        ops.opsForList().rightPush(RedisKeys.AUDIT_OUTBOX, entry.json());
                    }
                    List<Object> results = ops.exec();
                    return (results != null && !results.isEmpty()) ? Boolean.TRUE : null;
                }
            });
            if (Boolean.FALSE.equals(written)) {
                throw full.get();
            }
            if (Boolean.TRUE.equals(written)) {
                this.audit.publish(entries);
                return;
            }
        }
        throw new IllegalStateException("The count of " + counted + " kept changing: gave up after "
                + MAX_ATTEMPTS + " attempts");
    }

    /** One user's own creates racing: a handful of rounds settles them; more means something is wrong. */
    private static final int MAX_ATTEMPTS = 50;
}
