package io.myriad.reminder.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.myriad.contracts.audit.AuditEvent;
import io.myriad.reminder.ReminderProperties;
import io.myriad.reminder.audit.AuditLog;
import io.myriad.reminder.reminders.Channel;
import io.myriad.reminder.reminders.Reminder;
import io.myriad.reminder.reminders.Tracing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * One delivery of one occurrence by one channel: sent until the channel acknowledges it or {@code max-attempts} run
 * out, with exponential backoff and jitter between attempts, its record (and audit event) saved after each. A
 * delivery the channel acknowledged before a crash is not sent again; one whose record Redis would not take is
 * saved again, never sent again.
 */
@Component
class DeliveryAttempts {

    private static final Logger log = LoggerFactory.getLogger(DeliveryAttempts.class);

    private final DeliveryStore deliveries;

    private final DeliveryChannels channels;

    private final AuditLog audit;

    private final DeliveryMetrics metrics;

    private final Tracing tracing;

    private final Clock clock;

    private final ReminderProperties properties;

    DeliveryAttempts(DeliveryStore deliveries, DeliveryChannels channels, AuditLog audit, DeliveryMetrics metrics,
            Tracing tracing, Clock clock, ReminderProperties properties) {
        this.deliveries = deliveries;
        this.channels = channels;
        this.audit = audit;
        this.metrics = metrics;
        this.tracing = tracing;
        this.clock = clock;
        this.properties = properties;
    }

    /** The record of this occurrence's delivery by {@code channel}: as stored by an earlier firing, or a new one. */
    Delivery record(Reminder reminder, Channel channel, int occurrence, boolean late, Instant firedAt) {
        String id = Delivery.id(reminder.id(), occurrence, channel.type());
        return this.deliveries.get(id).orElseGet(() -> new Delivery(id, reminder.id(), reminder.userId(),
                channel.type(), occurrence, reminder.dueAt(), Delivery.Status.PENDING, 0, null, late, null, firedAt));
    }

    /** Sends one delivery until its channel acknowledges it or the attempts run out; true when acknowledged. */
    boolean send(Delivery delivery, Reminder reminder, Channel channel, Span parent) throws InterruptedException {
        if (delivery.status().acknowledged()) {
            return true; // acknowledged before a crash: never twice
        }
        if (delivery.status() == Delivery.Status.FAILED) {
            return false;
        }
        DeliveryChannel sender = this.channels.get(channel.type()).orElse(null);
        Span span = this.tracing.child(parent, "reminder deliver " + channel.type().value())
                .tag("reminder.channel", channel.type().value())
                .tag("delivery.id", delivery.id());
        try (Tracer.SpanInScope scope = this.tracing.inScope(span)) {
            Delivery current = delivery;
            for (int attempt = delivery.attempts() + 1;; attempt++) {
                Delivery.Status status;
                try {
                    if (sender == null || !sender.available()) {
                        throw new IllegalStateException("Channel " + channel.type().value() + " is not configured");
                    }
                    status = sender.deliver(current, reminder, channel);
                }
                catch (InterruptedException ex) {
                    throw ex;
                }
                catch (Exception ex) {
                    if (Thread.currentThread().isInterrupted()) {
                        // A stop interrupted the attempt (a client reports it as an I/O error): not the channel's
                        // failure; the delivery stays pending and its claim is given back.
                        throw new InterruptedException("stopped during delivery " + current.id());
                    }
                    String error = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
                    Instant now = this.clock.instant();
                    if (attempt >= this.properties.maxAttempts()) {
                        Delivery failed = current.failed(attempt, error, now);
                        this.deliveries.save(failed, this.audit.event("failed", "delivery", failed.id(),
                                failed.userId(), details(failed, Map.of("error", abbreviate(error)))));
                        this.metrics.failed(channel.type());
                        span.error(ex);
                        log.warn("Delivery {} by {} failed after {} attempts: {}", current.id(),
                                channel.type().value(), attempt, error);
                        return false;
                    }
                    current = current.attempted(attempt, error, now);
                    this.deliveries.save(current);
                    this.metrics.attempt(channel.type(), "retried");
                    Duration wait = backoff(attempt);
                    log.info("Delivery {} by {} attempt {} failed ({}); next attempt in {} ms", current.id(),
                            channel.type().value(), attempt, error, wait.toMillis());
                    Thread.sleep(wait);
                    continue;
                }
                Instant now = this.clock.instant();
                Delivery done = current.acknowledged(status, attempt, now);
                saveAcknowledged(done, this.audit.event("delivered", "delivery", done.id(), done.userId(),
                        details(done, Map.of("status", status.name().toLowerCase()))));
                this.metrics.acknowledged(channel.type(), status, Duration.between(done.dueAt(), now), done.late());
                span.tag("delivery.attempts", String.valueOf(attempt));
                return true;
            }
        }
        finally {
            span.end();
        }
    }

    /**
     * Saves the record of a delivery its channel acknowledged, again and again (with backoff) while Redis fails: the
     * channel has it, so sending it again would deliver it twice. Throws only when this instance stops meanwhile.
     */
    private void saveAcknowledged(Delivery done, AuditEvent event) throws InterruptedException {
        for (int failures = 1;; failures++) {
            try {
                this.deliveries.save(done, event);
                return;
            }
            catch (RuntimeException ex) {
                Duration wait = backoff(failures);
                log.warn("Delivery {} was acknowledged by {} but its record could not be saved ({}); saving it again "
                        + "in {} ms, not sending it again", done.id(), done.channel().value(), ex.toString(),
                        wait.toMillis());
                Thread.sleep(wait);
            }
        }
    }

    /**
     * Exponential, halved by "equal jitter": half the step for sure, the other half at random. The dispatcher waits
     * the same between tries of a firing that Redis cut short.
     */
    Duration backoff(int attempt) {
        long step = this.properties.initialBackoff().toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(step, this.properties.maxBackoff().toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private static Map<String, String> details(Delivery delivery, Map<String, String> more) {
        Map<String, String> details = new java.util.LinkedHashMap<>(more);
        details.put("channel", delivery.channel().value());
        details.put("reminderId", delivery.reminderId());
        details.put("occurrence", String.valueOf(delivery.occurrence()));
        details.put("late", String.valueOf(delivery.late()));
        return details;
    }

    private static String abbreviate(String text) {
        return (text.length() <= 200) ? text : text.substring(0, 200);
    }
}
