package io.myriad.reminder.schedule;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.myriad.reminder.ReminderProperties;
import io.myriad.reminder.delivery.Dispatcher;
import io.myriad.reminder.reminder.ReminderStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Each instance's claim loop: every {@code poll-interval} it claims what fell due (at once again when a claim came
 * back full) and fires it. Reminders that fell due while no instance ran are simply due: the first claim after a
 * start takes them, and the dispatcher marks them late. On an orderly stop the claims still being delivered are
 * given back; after a crash the in-flight timeout puts them back.
 */
@Component
class Scheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

    private final DueQueue queue;

    private final Dispatcher dispatcher;

    private final ReminderStore reminders;

    private final Clock clock;

    private final ReminderProperties properties;

    private final Map<String, Future<?>> firing = new ConcurrentHashMap<>();

    private volatile Thread loop;

    private volatile boolean running;

    Scheduler(DueQueue queue, Dispatcher dispatcher, ReminderStore reminders, Clock clock,
            ReminderProperties properties, MeterRegistry registry) {
        this.queue = queue;
        this.dispatcher = dispatcher;
        this.reminders = reminders;
        this.clock = clock;
        this.properties = properties;
        Gauge.builder("reminders_scheduled", queue, DueQueue::scheduled)
                .description("Reminders waiting to fall due or being delivered, in Redis (all instances)")
                .register(registry);
        Gauge.builder("reminders_overdue", this,
                        scheduler -> queue.overdue(clock.instant().minus(properties.overdueAfter())))
                .description("Reminders that fell due more than overdue-after ago and nobody has claimed")
                .register(registry);
    }

    @Override
    public void start() {
        this.dispatcher.start();
        this.running = true;
        this.loop = Thread.ofPlatform().name("reminder-scheduler").daemon().start(this::run);
    }

    @Override
    public void stop() {
        this.running = false;
        Thread thread = this.loop;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        this.dispatcher.shutdownNow();
        for (String id : List.copyOf(this.firing.keySet())) {
            this.reminders.stored(id).ifPresent(stored -> {
                if (this.queue.release(id, stored.reminder().dueAt())) {
                    log.info("Reminder {} given back unfinished for another instance", id);
                }
            });
        }
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    /**
     * Stop first: before the Kafka listeners and the web server's graceful shutdown, which take seconds during which
     * a scheduler still running would claim what falls due, and before Redis, so that the claims still being
     * delivered can be given back.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    private void run() {
        Instant nextReap = Instant.EPOCH;
        while (this.running) {
            try {
                Instant now = this.clock.instant();
                if (!now.isBefore(nextReap)) {
                    long requeued = this.queue.requeueStale(now.minus(this.properties.inflightTimeout()), now);
                    if (requeued > 0) {
                        log.warn("{} reminders were claimed over {} ago and never finished: due again", requeued,
                                this.properties.inflightTimeout());
                    }
                    nextReap = now.plusSeconds(30);
                }
                List<String> claimed = this.queue.claim(now, this.properties.claimBatch());
                for (String id : claimed) {
                    this.firing.put(id, this.dispatcher.fire(id));
                }
                this.firing.values().removeIf(Future::isDone);
                if (claimed.size() < this.properties.claimBatch()) {
                    Thread.sleep(this.properties.pollInterval());
                }
            }
            catch (InterruptedException ex) {
                return;
            }
            catch (RuntimeException ex) {
                log.warn("Claiming due reminders failed, trying again in a second: {}", ex.toString());
                try {
                    Thread.sleep(1_000);
                }
                catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }
}
