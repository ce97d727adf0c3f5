package io.myriad.reminder.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.myriad.contracts.Topics;
import io.myriad.contracts.audit.AuditEvent;
import io.myriad.observability.kafka.KafkaTopics;
import io.myriad.reminder.store.RedisKeys;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The audit trail on {@code myriad.audit}, keyed by user. An event is first stored in a Redis outbox in the same
 * transaction as the change it describes (see {@link io.myriad.reminder.audit.Atomically}); it is sent at once
 * and taken out of the outbox when Kafka acknowledges it. A send that fails is counted
 * ({@code audit_log_errors_total}) and the relay sends it again until Kafka takes it, so an event may arrive twice
 * (its {@code eventId} tells) but never not at all.
 */
@Component
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    /** An event younger than this is still being sent by the thread that wrote it; the relay leaves it alone. */
    private static final Duration RELAY_AFTER = Duration.ofSeconds(10);

    private static final int RELAY_BATCH = 100;

    private final KafkaTemplate<String, Object> kafka;

    private final StringRedisTemplate redis;

    private final JsonMapper json;

    private final Clock clock;

    private final Counter writes;

    private final Counter errors;

    private final ExecutorService senders = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("audit-send-", 0).factory());

    private final Tracer tracer;

    AuditLog(KafkaTemplate<String, Object> kafka, StringRedisTemplate redis, JsonMapper json, Clock clock,
            MeterRegistry registry, ObjectProvider<Tracer> tracer) {
        this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
        this.kafka = kafka;
        this.redis = redis;
        this.json = json;
        this.clock = clock;
        this.writes = Counter.builder("audit.log.writes").description("Audit events Kafka acknowledged")
                .register(registry);
        this.errors = Counter.builder("audit.log.errors")
                .description("Audit event sends that failed; each is retried from the outbox")
                .register(registry);
    }

    @Bean
    static NewTopic auditTopic(KafkaTopics topics) {
        return topics.topic(Topics.AUDIT, 3);
    }

    /** A new event about {@code entity} {@code entityId} of {@code userId}, made now. */
    public AuditEvent event(String action, String entity, String entityId, String userId,
            Map<String, String> details) {
        return new AuditEvent(UUID.randomUUID().toString(), action, entity, entityId, userId,
                this.clock.instant(), details);
    }

    /** The events as they are stored in the outbox. */
    public List<Entry> entries(AuditEvent... events) {
        return Arrays.stream(events).map(event -> new Entry(event, this.json.writeValueAsString(event))).toList();
    }

    /**
     * Sends events already in the outbox, off the caller's thread (a broker that is down never slows an API call),
     * in the caller's trace: the send's span is a child of the change's.
     */
    public void publish(List<Entry> entries) {
        Span parent = this.tracer.currentSpan();
        for (Entry entry : entries) {
            this.senders.execute(() -> {
                try (Tracer.SpanInScope scope = (parent != null) ? this.tracer.withSpan(parent) : null) {
                    send(entry);
                }
            });
        }
    }

    private void send(Entry entry) {
        try {
            this.kafka.send(Topics.AUDIT, entry.event().userId(), entry.event()).whenComplete((result, ex) -> {
                if (ex == null) {
                    acknowledged(entry);
                }
                else {
                    failed(entry, ex);
                }
            });
        }
        catch (RuntimeException ex) {
            failed(entry, ex);
        }
    }

    private void acknowledged(Entry entry) {
        this.writes.increment();
        try {
            this.redis.opsForList().remove(RedisKeys.AUDIT_OUTBOX, 1, entry.json());
        }
        catch (RuntimeException ex) {
            log.warn("Audit event {} was sent but stays in the outbox and will be sent again: {}",
                    entry.event().eventId(), ex.toString());
        }
    }

    private void failed(Entry entry, Throwable ex) {
        this.errors.increment();
        log.warn("Audit event {} ({} {}) not written to {}, kept in the outbox for the relay: {}",
                entry.event().eventId(), entry.event().action(), entry.event().entity(), Topics.AUDIT, ex.toString());
    }

    /** Sends what the outbox still holds after its writer had its chance, oldest first. */
    @Scheduled(fixedDelayString = "${myriad.reminders.audit-relay-interval:5s}")
    public void relay() {
        List<String> pending;
        try {
            pending = this.redis.opsForList().range(RedisKeys.AUDIT_OUTBOX, 0, RELAY_BATCH - 1);
        }
        catch (RuntimeException ex) {
            log.warn("Audit outbox unreadable, relay skipped: {}", ex.toString());
            return;
        }
        if (pending == null) {
            return;
        }
        Instant cutoff = this.clock.instant().minus(RELAY_AFTER);
        for (String stored : pending) {
            Entry entry = new Entry(this.json.readValue(stored, AuditEvent.class), stored);
            if (entry.event().at().isAfter(cutoff)) {
                continue;
            }
            try {
                this.kafka.send(Topics.AUDIT, entry.event().userId(), entry.event()).get(10, TimeUnit.SECONDS);
                acknowledged(entry);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
            catch (Exception ex) {
                failed(entry, ex);
                return; // the broker is still away; the next round tries again
            }
        }
    }

    /** How many events wait in the outbox. */
    public long pending() {
        Long size = this.redis.opsForList().size(RedisKeys.AUDIT_OUTBOX);
        return (size != null) ? size : 0;
    }

    /** An event and its stored form. */
    public record Entry(AuditEvent event, String json) {
    }
}
