package io.myriad.reminder.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.myriad.contracts.audit.AuditEvent;
import io.myriad.reminder.ReminderProperties;
import io.myriad.reminder.audit.AuditLog;
import io.myriad.reminder.reminders.Channel;
import io.myriad.reminder.reminders.Recurrences;
import io.myriad.reminder.reminders.Reminder;
import io.myriad.reminder.reminders.ReminderStore;
import io.myriad.reminder.reminders.Tracing;
import io.myriad.reminder.schedule.DueQueue;
import io.myriad.reminder.schedule.Firing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Fires a claimed reminder: sends the occurrence by each of its channels at once, each with its own retries
 * (exponential backoff with jitter, up to {@code max-attempts}), then stores the outcome and, for a recurring
 * reminder, schedules the next occurrence. A channel that already acknowledged this occurrence (a retry after a
 * crash) is not sent to again. Redis failing on the way (down, restarting) never gives the claim up: the firing is
 * tried again, with the same backoff, until it ends or this instance stops; a channel that acknowledged is never sent
 * to again for it, only its record saved again.
 */
@Component
public class Dispatcher implements Firing {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final ReminderStore reminders;

    private final DeliveryStore deliveries;

    private final DeliveryChannels channels;

    private final DueQueue queue;

    private final AuditLog audit;

    private final DeliveryMetrics metrics;

    private final Tracing tracing;

    private final JsonMapper json;

    private final Clock clock;

    private final ReminderProperties properties;

    /** Virtual threads: a delivery spends its life waiting on a socket or a backoff. New at each start. */
    private volatile ExecutorService executor = newExecutor();

    Dispatcher(ReminderStore reminders, DeliveryStore deliveries, DeliveryChannels channels, DueQueue queue,
            AuditLog audit, DeliveryMetrics metrics, Tracing tracing, JsonMapper json, Clock clock,
            ReminderProperties properties) {
        this.reminders = reminders;
        this.deliveries = deliveries;
        this.channels = channels;
        this.queue = queue;
        this.audit = audit;
        this.metrics = metrics;
        this.tracing = tracing;
        this.json = json;
        this.clock = clock;
        this.properties = properties;
    }

    /** Starts firing a claimed reminder; the future ends when every channel has its outcome. */
    @Override
    public Future<?> fire(String reminderId) {
        return this.executor.submit(() -> fireNow(reminderId));
    }

    /** Ready to send again after {@link #shutdownNow()}: a stopped application context may be started again. */
    @Override
    public synchronized void start() {
        if (this.executor.isShutdown()) {
            this.executor = newExecutor();
        }
    }

    /** Stops sending: deliveries in progress are interrupted and stay pending, their claims for the caller to release. */
    @Override
    public synchronized void shutdownNow() {
        this.executor.shutdownNow();
    }

    /** The stored reminder's due time: a claim given back unfinished is due again then. */
    @Override
    public Optional<Instant> dueAt(String reminderId) {
        return this.reminders.stored(reminderId).map(stored -> stored.reminder().dueAt());
    }

    private static ExecutorService newExecutor() {
        return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("reminder-delivery-", 0).factory());
    }

    /** Fires until the claim ends, however often Redis fails on the way; gives up only when this instance stops. */
    private void fireNow(String reminderId) {
        for (int failures = 1;; failures++) {
            try {
                fireOnce(reminderId);
                return;
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                log.info("Stopped while firing reminder {}; its claim is released for another instance", reminderId);
                return;
            }
            catch (RuntimeException ex) {
                Duration wait = backoff(failures);
                log.warn("Reminder {} could not be fired ({}); trying again in {} ms", reminderId, ex.toString(),
                        wait.toMillis());
                try {
                    Thread.sleep(wait);
                }
                catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void fireOnce(String reminderId) throws InterruptedException {
        ReminderStore.Stored stored = this.reminders.stored(reminderId).orElse(null);
        if (stored == null) {
            this.queue.forget(reminderId); // deleted after it was claimed
            return;
        }
        Reminder reminder = stored.reminder();
        Instant firedAt = this.clock.instant();
        if (reminder.state() != Reminder.State.SCHEDULED || reminder.dueAt().isAfter(firedAt)) {
            // Not due: fired already by another claim of it (one whose owner was taken for dead), or moved later by
            // the user while claimed; the due set has what comes next.
            this.queue.forget(reminderId);
            return;
        }
        int occurrence = reminder.occurrences() + 1;
        boolean late = Duration.between(reminder.dueAt(), firedAt).compareTo(this.properties.lateAfter()) > 0;
        Span span = this.tracing.resume(reminder.trace(), "reminder fire")
                .tag("reminder.id", reminder.id())
                .tag("reminder.occurrence", String.valueOf(occurrence))
                .tag("reminder.late", String.valueOf(late));
        ExecutorService executor = this.executor;
        try (Tracer.SpanInScope scope = this.tracing.inScope(span)) {
            List<Future<Boolean>> sent = new ArrayList<>();
            for (Channel channel : reminder.channels()) {
                Delivery delivery = this.deliveries.get(Delivery.id(reminderId, occurrence, channel.type()))
                        .orElseGet(() -> new Delivery(Delivery.id(reminderId, occurrence, channel.type()),
                                reminderId, reminder.userId(), channel.type(), occurrence, reminder.dueAt(),
                                Delivery.Status.PENDING, 0, null, late, null, firedAt));
                sent.add(executor.submit(() -> send(delivery, reminder, channel, span)));
            }
            // Every channel's outcome before anything else: firing again while one still sends would send twice.
            boolean anyDelivered = false;
            RuntimeException failure = null;
            for (Future<Boolean> outcome : sent) {
                try {
                    anyDelivered |= outcome.get();
                }
                catch (ExecutionException ex) {
                    if (ex.getCause() instanceof InterruptedException stopped) {
                        throw stopped;
                    }
                    failure = (ex.getCause() instanceof RuntimeException cause) ? cause
                            : new IllegalStateException(ex.getCause());
                }
            }
            if (failure != null) {
                throw failure;
            }
            complete(stored, firedAt, anyDelivered);
        }
        catch (RuntimeException ex) {
            span.error(ex);
            throw ex;
        }
        finally {
            span.end();
        }
    }

    /** Sends one delivery until its channel acknowledges it or the attempts run out; true when acknowledged. */
    private boolean send(Delivery delivery, Reminder reminder, Channel channel, Span parent)
            throws InterruptedException {
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

    /** Exponential, halved by "equal jitter": half the step for sure, the other half at random. */
    Duration backoff(int attempt) {
        long step = this.properties.initialBackoff().toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(step, this.properties.maxBackoff().toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private void complete(ReminderStore.Stored stored, Instant firedAt, boolean anyDelivered) {
        Reminder reminder = stored.reminder();
        Instant next = (reminder.recurrence() != null) ? Recurrences.next(reminder.recurrence(), reminder.dueAt(),
                ZoneId.of(reminder.zone()), firedAt) : null;
        Reminder fired = reminder.fired(firedAt, next, anyDelivered);
        boolean storedIt = this.queue.complete(reminder.id(), stored.json(), this.json.writeValueAsString(fired), next);
        if (storedIt && next != null) {
            this.metrics.recurred();
        }
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
