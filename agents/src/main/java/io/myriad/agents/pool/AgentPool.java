package io.myriad.agents.pool;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.myriad.contracts.agent.AgentResult;
import io.myriad.contracts.agent.AgentTask;
import io.myriad.contracts.query.Priority;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * A bounded queue with three lanes (HIGH before NORMAL before LOW) served by a fixed set of worker threads. Every
 * task submitted gets exactly one result: its answer, or a FAILED one when the queue is full or its deadline passed
 * before a worker took it. As the queue fills, the pool reports a backpressure state and, from CRITICAL, pauses its
 * intake so that Kafka holds the work; it resumes once utilization is back below the warning threshold.
 */
public class AgentPool implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AgentPool.class);

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final PoolProperties properties;

    private final TaskHandler handler;

    private final TaskIntake intake;

    private final Rejections rejections;

    private final ObservationRegistry observations;

    private final Clock clock;

    private final PoolMeters meters;

    private final ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();

    private final ReentrantLock lock = new ReentrantLock();

    private final Condition notEmpty = this.lock.newCondition();

    private final Map<Priority, ArrayDeque<Queued>> lanes = new EnumMap<>(Priority.class);

    private final AtomicInteger busy = new AtomicInteger();

    private final List<Thread> workers = new ArrayList<>();

    private int size;

    private BackpressureState state = BackpressureState.NORMAL;

    private boolean intakePaused;

    private volatile boolean running;

    public AgentPool(PoolProperties properties, TaskHandler handler, TaskIntake intake, Rejections rejections,
            MeterRegistry meters, ObservationRegistry observations, Clock clock) {
        this.properties = properties;
        this.handler = handler;
        this.intake = intake;
        this.rejections = rejections;
        this.observations = observations;
        this.clock = clock;
        this.meters = new PoolMeters(meters);
        for (Priority priority : Priority.values()) {
            this.lanes.put(priority, new ArrayDeque<>());
            Gauge.builder("agents.queue.depth", this, pool -> pool.depth(priority))
                    .description("Tasks waiting in the queue, by lane")
                    .tag("priority", PoolMeters.tag(priority))
                    .register(meters);
        }
        Gauge.builder("agents.queue.capacity", properties, PoolProperties::capacity)
                .description("Tasks the queue holds, all lanes together")
                .register(meters);
        Gauge.builder("agents.backpressure.state", this, pool -> pool.state().ordinal())
                .description("Backpressure: 0 normal, 1 warning, 2 critical (intake paused), 3 overloaded")
                .register(meters);
        Gauge.builder("agents.worker.utilization", this.busy, busy -> busy.get() / (double) properties.workers())
                .description("Share of the worker threads busy with a batch, 0 to 1")
                .register(meters);
        Gauge.builder("agents.workers", properties, PoolProperties::workers)
                .description("Worker threads in the pool")
                .register(meters);
    }

    /**
     * Queues a task, capturing the caller's context (the trace) for the worker that will take it.
     * @return the task's result, completed by a worker, or at once with a FAILED result when the queue is full
     */
    public CompletableFuture<AgentResult> submit(AgentTask task) {
        Priority priority = task.priority() == null ? Priority.NORMAL : task.priority();
        Queued queued = new Queued(task, priority, this.snapshots.captureAll(), System.nanoTime(),
                new CompletableFuture<>());
        boolean accepted;
        this.lock.lock();
        try {
            accepted = this.size < this.properties.capacity();
            if (accepted) {
                this.lanes.get(priority).addLast(queued);
                this.size++;
                updateState();
                this.notEmpty.signal();
            }
        }
        finally {
            this.lock.unlock();
        }
        if (!accepted) {
            queued.result().complete(this.rejections.reject(task, Rejection.OVERLOADED,
                    "overloaded: the agents' queue is full (" + this.properties.capacity() + " tasks)"));
        }
        return queued.result();
    }

    /** The current backpressure state. */
    public BackpressureState state() {
        this.lock.lock();
        try {
            return this.state;
        }
        finally {
            this.lock.unlock();
        }
    }

    /** Tasks waiting in one lane. */
    public int depth(Priority priority) {
        this.lock.lock();
        try {
            return this.lanes.get(priority).size();
        }
        finally {
            this.lock.unlock();
        }
    }

    /** Tasks waiting, all lanes together. */
    public int depth() {
        this.lock.lock();
        try {
            return this.size;
        }
        finally {
            this.lock.unlock();
        }
    }

    private void updateState() {
        BackpressureState next = BackpressureState.of(this.size / (double) this.properties.capacity(),
                this.properties);
        if (next.compareTo(this.state) > 0) {
            this.meters.activated(next);
        }
        this.state = next;
        if (!this.intakePaused && next.pausesIntake()) {
            this.intakePaused = true;
            this.intake.pause();
            log.warn("Backpressure {}: queue at {}/{}, pausing the task listener", next, this.size,
                    this.properties.capacity());
        }
        else if (this.intakePaused && next == BackpressureState.NORMAL) {
            this.intakePaused = false;
            this.intake.resume();
            log.info("Backpressure over: queue at {}/{}, resuming the task listener", this.size,
                    this.properties.capacity());
        }
    }

    private void work() {
        while (this.running) {
            List<Queued> batch = take();
            if (batch.isEmpty()) {
                continue;
            }
            this.meters.batch();
            this.busy.incrementAndGet();
            try {
                batch.forEach(this::process);
            }
            finally {
                this.busy.decrementAndGet();
            }
        }
    }

    /**
     * Up to a batch of tasks, highest lane first. A worker takes its fair share of the queue, so that a few tasks of
     * one query run side by side on idle workers and only a long queue is served in batches.
     */
    private List<Queued> take() {
        this.lock.lock();
        try {
            while (this.size == 0 && this.running) {
                this.notEmpty.awaitUninterruptibly();
            }
            int share = Math.ceilDiv(this.size, this.properties.workers());
            int wanted = Math.min(this.properties.batchSize(), share);
            List<Queued> batch = new ArrayList<>(wanted);
            for (Priority priority : Priority.values()) {
                ArrayDeque<Queued> lane = this.lanes.get(priority);
                while (batch.size() < wanted && !lane.isEmpty()) {
                    batch.add(lane.pollFirst());
                }
            }
            if (!batch.isEmpty()) {
                this.size -= batch.size();
                updateState();
            }
            return batch;
        }
        finally {
            this.lock.unlock();
        }
    }

    private void process(Queued queued) {
        try (ContextSnapshot.Scope scope = queued.context().setThreadLocals()) {
            AgentTask task = queued.task();
            this.meters.waited(queued.priority(), System.nanoTime() - queued.enqueuedNanos());
            if (task.deadline() != null && this.clock.instant().isAfter(task.deadline())) {
                queued.result().complete(this.rejections.reject(task, Rejection.EXPIRED,
                        "expired: the deadline passed before a worker took the task"));
                return;
            }
            Observation.createNotStarted("agents.task", this.observations)
                    .contextualName("agents.task")
                    .lowCardinalityKeyValue("priority", PoolMeters.tag(queued.priority()))
                    .highCardinalityKeyValue("agent.id", String.valueOf(task.agentId()))
                    .observe(() -> {
                        AgentResult result = handle(task);
                        this.meters.processed(queued.priority());
                        // Completing here sends the reply inside this observation, so it joins the task's trace.
                        queued.result().complete(result);
                    });
        }
    }

    private AgentResult handle(AgentTask task) {
        try {
            return this.handler.handle(task);
        }
        catch (RuntimeException ex) {
            log.error("Task {} of query {} for agent {} failed", task.taskId(), task.queryId(), task.agentId(), ex);
            return Rejections.failed(task, null, "the agent failed: " + ex.getClass().getSimpleName());
        }
    }

    @Override
    public void start() {
        this.lock.lock();
        try {
            if (this.running) {
                return;
            }
            this.running = true;
            for (int i = 1; i <= this.properties.workers(); i++) {
                Thread worker = Thread.ofPlatform().name("agents-worker-" + i).daemon().unstarted(this::work);
                this.workers.add(worker);
                worker.start();
            }
        }
        finally {
            this.lock.unlock();
        }
    }

    @Override
    public void stop() {
        List<Queued> left = new ArrayList<>();
        this.lock.lock();
        try {
            this.running = false;
            this.notEmpty.signalAll();
        }
        finally {
            this.lock.unlock();
        }
        for (Thread worker : this.workers) {
            try {
                worker.join(STOP_TIMEOUT);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        this.workers.clear();
        this.lock.lock();
        try {
            this.lanes.values().forEach(lane -> {
                left.addAll(lane);
                lane.clear();
            });
            this.size = 0;
        }
        finally {
            this.lock.unlock();
        }
        left.forEach(queued -> queued.result()
                .complete(Rejections.failed(queued.task(), null, "the agents service is shutting down")));
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    /** Started before and stopped after the Kafka listener containers that feed it. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }

    private record Queued(AgentTask task, Priority priority, ContextSnapshot context, long enqueuedNanos,
            CompletableFuture<AgentResult> result) {
    }

    @Override
    public String toString() {
        return "AgentPool[" + this.properties.workers() + " workers, " + depth() + "/" + this.properties.capacity()
                + " queued, " + state().name().toLowerCase(Locale.ROOT) + "]";
    }
}
