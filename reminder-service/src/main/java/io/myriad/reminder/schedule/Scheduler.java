package io.myriad.reminder.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.myriad.reminder.ReminderProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Each instance's claim loop: every {@code poll-interval} it claims what fell due (at once again when a claim came
 * back full) and fires it. Reminders that fell due while no instance ran are simply due: the first claim after a
 * start takes them, and the dispatcher marks them late. Every {@code heartbeat-interval} it refreshes this
 * instance's heartbeat and puts back the claims of instances whose heartbeat is gone (they crashed), and its own
 * claims that it is not firing (their reply was lost). On an orderly stop the claims still being delivered are given
 * back.
 */
@Component
class Scheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

    private final DueQueue queue;

    private final Firing dispatcher;

    private final Clock clock;

    private final ReminderProperties properties;

    private final Map<String, Future<?>> firing = new ConcurrentHashMap<>();

    private volatile Thread loop;

    private volatile boolean running;

    private final Counter ownerGone;

    private final Counter lostClaim;

    private final Counter inflightTimeout;

    Scheduler(DueQueue queue, Firing dispatcher, Clock clock,
            ReminderProperties properties, MeterRegistry registry) {
        this.queue = queue;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.properties = properties;
        Gauge.builder("reminders.scheduled", queue, DueQueue::scheduled)
                .description("Reminders waiting to fall due or being delivered, in Redis (all instances)")
                .register(registry);
        Gauge.builder("reminders.overdue", this,
                        scheduler -> queue.overdue(clock.instant().minus(properties.overdueAfter())))
                .description("Reminders that fell due more than overdue-after ago and nobody has claimed")
                .register(registry);
        // Every reason from the start, at 0, as the delivery counters are.
        this.ownerGone = requeued(registry, "owner_gone");
        this.lostClaim = requeued(registry, "lost_claim");
        this.inflightTimeout = requeued(registry, "inflight_timeout");
    }

    private static Counter requeued(MeterRegistry registry, String reason) {
        return Counter.builder("reminders.requeued")
                .description("Claimed reminders put back in the due set unfinished: their owner's heartbeat was gone, "
                        + "the claim's reply never reached its owner, or (no owner known) the in-flight timeout passed")
                .tag("reason", reason)
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
            try {
                this.dispatcher.dueAt(id).ifPresent(dueAt -> {
                    if (this.queue.release(id, dueAt)) {
                        log.info("Reminder {} given back unfinished for another instance", id);
                    }
                });
            }
            catch (RuntimeException ex) {
                log.warn("Reminder {} could not be given back ({}); it is put back once this instance's heartbeat "
                        + "expires", id, ex.toString());
            }
        }
        // The heartbeat is left to expire rather than deleted: a stop with Redis out of reach would wait on it for the
        // command timeout; whatever is still claimed here is put back by the others within heartbeat-ttl.
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
        log.info("Scheduler of instance {} started: claims are recorded as its own", this.queue.instanceId());
        Instant nextBeat = Instant.EPOCH;
        Instant nextReap = Instant.EPOCH;
        Instant nextClaim = Instant.EPOCH;
        boolean beatBefore = false;
        while (this.running) {
            try {
                Instant now = this.clock.instant();
                if (!now.isBefore(nextBeat)) {
                    // Before any claim: a claim is only ever made under a live heartbeat.
                    if (!this.queue.beat(this.properties.heartbeatTtl()) && beatBefore) {
                        log.warn("This instance's heartbeat had expired (Redis out of reach for over {}): other "
                                + "instances may have put back reminders it was delivering",
                                this.properties.heartbeatTtl());
                    }
                    beatBefore = true;
                    requeueUnowned(now);
                    nextBeat = now.plus(this.properties.heartbeatInterval());
                }
                if (!now.isBefore(nextReap)) {
                    long requeued = this.queue.requeueStale(now.minus(this.properties.inflightTimeout()), now);
                    if (requeued > 0) {
                        this.inflightTimeout.increment(requeued);
                        log.warn("{} reminders were claimed over {} ago with no known owner and never finished: due "
                                + "again", requeued, this.properties.inflightTimeout());
                    }
                    nextReap = now.plusSeconds(30);
                }
                if (!now.isBefore(nextClaim)) {
                    List<String> claimed = this.queue.claim(now, this.properties.claimBatch());
                    for (String id : claimed) {
                        this.firing.put(id, this.dispatcher.fire(id));
                    }
                    this.firing.values().removeIf(Future::isDone);
                    nextClaim = (claimed.size() < this.properties.claimBatch())
                            ? now.plus(this.properties.pollInterval()) : now;
                }
                Instant wake = nextClaim.isBefore(nextBeat) ? nextClaim : nextBeat;
                Duration sleep = Duration.between(this.clock.instant(), wake);
                if (sleep.isPositive()) {
                    Thread.sleep(sleep);
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

    /**
     * Puts back the claims nobody is firing: those of instances whose heartbeat is gone, and this instance's own that
     * it is not firing. Runs on the loop's thread, after the claims it made were handed to the dispatcher, so
     * every claim of this instance's that the dispatcher has is among {@link #firing}; a firing that ended has ended
     * its claim too.
     */
    private void requeueUnowned(Instant now) {
        long abandoned = this.queue.requeueAbandoned(now);
        if (abandoned > 0) {
            this.ownerGone.increment(abandoned);
            log.warn("{} reminders claimed by instances whose heartbeat is gone: due again", abandoned);
        }
        this.firing.values().removeIf(Future::isDone);
        long lost = this.queue.requeueLost(this.firing.keySet(), now);
        if (lost > 0) {
            this.lostClaim.increment(lost);
            log.warn("{} reminders claimed by this instance never reached it (a reply lost with a connection): due "
                    + "again", lost);
        }
    }
}
