package io.myriad.reminder.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.myriad.reminder.ReminderProperties;
import io.myriad.reminder.reminders.Channel;
import io.myriad.reminder.reminders.Recurrences;
import io.myriad.reminder.reminders.Reminder;
import io.myriad.reminder.reminders.ReminderStore;
import io.myriad.reminder.reminders.Tracing;
import io.myriad.reminder.schedule.DueQueue;
import io.myriad.reminder.schedule.Firing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Fires a claimed reminder: sends the occurrence by each of its channels at once, each with its own retries
 * ({@link DeliveryAttempts}: exponential backoff with jitter, up to {@code max-attempts}), then stores the outcome
 * and, for a recurring reminder, schedules the next occurrence. A channel that already acknowledged this occurrence
 * (a retry after a crash) is not sent to again. Redis failing on the way (down, restarting) never gives the claim
 * up: the firing is tried again, with the same backoff, until it ends or this instance stops; a channel that
 * acknowledged is never sent to again for it, only its record saved again.
 */
@Component
public class Dispatcher implements Firing {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final ReminderStore reminders;

    private final DueQueue queue;

    private final DeliveryAttempts attempts;

    private final DeliveryMetrics metrics;

    private final Tracing tracing;

    private final Clock clock;

    private final ReminderProperties properties;

    /** Virtual threads: a delivery spends its life waiting on a socket or a backoff. New at each start. */
    private volatile ExecutorService executor = newExecutor();

    Dispatcher(ReminderStore reminders, DueQueue queue, DeliveryAttempts attempts, DeliveryMetrics metrics,
            Tracing tracing, Clock clock, ReminderProperties properties) {
        this.reminders = reminders;
        this.queue = queue;
        this.attempts = attempts;
        this.metrics = metrics;
        this.tracing = tracing;
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
                Duration wait = this.attempts.backoff(failures);
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
                Delivery delivery = this.attempts.record(reminder, channel, occurrence, late, firedAt);
                sent.add(executor.submit(() -> this.attempts.send(delivery, reminder, channel, span)));
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

    private void complete(ReminderStore.Stored stored, Instant firedAt, boolean anyDelivered) {
        Reminder reminder = stored.reminder();
        Instant next = (reminder.recurrence() != null) ? Recurrences.next(reminder.recurrence(), reminder.dueAt(),
                ZoneId.of(reminder.zone()), firedAt) : null;
        Reminder fired = reminder.fired(firedAt, next, anyDelivered);
        boolean storedIt = this.reminders.storeFired(stored, fired, next);
        if (storedIt && next != null) {
            this.metrics.recurred();
        }
    }
}
