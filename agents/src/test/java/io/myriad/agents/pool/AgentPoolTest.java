package io.myriad.agents.pool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.myriad.contracts.agent.AgentResult;
import io.myriad.contracts.agent.AgentTask;
import io.myriad.contracts.agent.ResultStatus;
import io.myriad.contracts.query.Intent;
import io.myriad.contracts.query.Priority;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AgentPoolTest {

    private final MeterRegistry meters = new SimpleMeterRegistry();

    private final RecordingIntake intake = new RecordingIntake();

    private final List<String> handled = new CopyOnWriteArrayList<>();

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-24T09:00:00Z"));

    private final List<AgentPool> pools = new ArrayList<>();

    @AfterEach
    void stopPools() {
        this.pools.forEach(AgentPool::stop);
    }

    @Test
    void servesHigherLanesFirst() {
        // given a pool with one worker, not yet started, holding tasks of every lane
        AgentPool pool = pool(properties(1, 10, 1), answering());
        List<CompletableFuture<AgentResult>> results = List.of(pool.submit(task("low-1", Priority.LOW)),
                pool.submit(task("normal-1", Priority.NORMAL)), pool.submit(task("high-1", Priority.HIGH)),
                pool.submit(task("low-2", Priority.LOW)), pool.submit(task("high-2", Priority.HIGH)));

        // when the worker starts
        pool.start();

        // then it serves HIGH, then NORMAL, then LOW, first come first served within a lane
        await().atMost(Duration.ofSeconds(5)).until(() -> results.stream().allMatch(CompletableFuture::isDone));
        assertThat(this.handled).containsExactly("high-1", "high-2", "normal-1", "low-1", "low-2");
        assertThat(this.meters.get("agents.observations").tag("priority", "high").counter().count()).isEqualTo(2);
        assertThat(this.meters.get("agents.observations").tag("priority", "low").counter().count()).isEqualTo(2);
        assertThat(this.meters.get("agents.queue.wait.time").tag("priority", "normal").timer().count()).isEqualTo(1);
    }

    @Test
    void reportsEachBackpressureLevelAndPausesTheIntakeFromCritical() {
        // given a pool of capacity 20 whose workers have not started
        AgentPool pool = pool(properties(1, 20, 1), answering());

        // when it fills: 11 tasks (0.55), 12 (0.6), 16 (0.8), 19 (0.95)
        submit(pool, 11);
        assertThat(pool.state()).isEqualTo(BackpressureState.NORMAL);
        submit(pool, 1);
        assertThat(pool.state()).isEqualTo(BackpressureState.WARNING);
        assertThat(this.intake.pauses).hasValue(0);
        submit(pool, 3);
        assertThat(pool.state()).isEqualTo(BackpressureState.WARNING);
        submit(pool, 1);
        assertThat(pool.state()).isEqualTo(BackpressureState.CRITICAL);
        assertThat(this.intake.pauses).hasValue(1);
        submit(pool, 3);

        // then every level was reported once, and the intake paused once
        assertThat(pool.state()).isEqualTo(BackpressureState.OVERLOADED);
        assertThat(this.intake.pauses).hasValue(1);
        assertThat(this.intake.resumes).hasValue(0);
        assertThat(gauge("agents.backpressure.state")).isEqualTo(3);
        assertThat(gauge("agents.queue.capacity")).isEqualTo(20);
        assertThat(this.meters.get("agents.queue.depth").tag("priority", "normal").gauge().value()).isEqualTo(19);
        for (String level : List.of("warning", "critical", "overloaded")) {
            assertThat(this.meters.get("agents.backpressure.activations").tag("level", level).counter().count())
                    .as(level).isEqualTo(1);
        }
    }

    @Test
    void resumesTheIntakeOnlyOnceBelowTheWarningThreshold() {
        // given an overloaded pool (19 of 20) whose single worker finishes a task only when allowed to
        Semaphore finish = new Semaphore(0);
        AgentPool pool = pool(properties(1, 20, 1), task -> {
            finish.acquireUninterruptibly();
            return answered(task);
        });
        List<CompletableFuture<AgentResult>> results = submit(pool, 19);
        assertThat(this.intake.pauses).hasValue(1);

        // when the worker drains the queue down to 12 (0.6, still WARNING)
        pool.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> pool.depth() == 18);
        while (pool.depth() > 12) {
            int depth = pool.depth();
            finish.release();
            await().atMost(Duration.ofSeconds(5)).until(() -> pool.depth() == depth - 1);
        }

        // then the intake stays paused until the queue is below the warning threshold
        assertThat(pool.state()).isEqualTo(BackpressureState.WARNING);
        assertThat(this.intake.resumes).hasValue(0);
        finish.release();
        await().atMost(Duration.ofSeconds(5)).until(() -> pool.depth() == 11);
        assertThat(pool.state()).isEqualTo(BackpressureState.NORMAL);
        assertThat(this.intake.resumes).hasValue(1);
        assertThat(this.intake.pauses).hasValue(1);

        finish.release(100);
        await().atMost(Duration.ofSeconds(5)).until(() -> results.stream().allMatch(CompletableFuture::isDone));
        assertThat(results).allSatisfy(result -> assertThat(result.join().status()).isEqualTo(ResultStatus.ANSWERED));
    }

    @Test
    void failsATaskWhoseDeadlinePassedBeforeAWorkerTookIt() {
        // given a task due within a second, queued while the workers are not running
        AgentPool pool = pool(properties(1, 10, 1), answering());
        CompletableFuture<AgentResult> result = pool
                .submit(new AgentTask("q1", "t1", "definition-lightbulb", "lightbulb", Intent.DEFINE,
                        Priority.NORMAL, this.clock.instant().plusSeconds(1)));

        // when two seconds pass before a worker takes it
        this.clock.advance(Duration.ofSeconds(2));
        pool.start();

        // then it gets an explicit FAILED result, without being worked on
        AgentResult failed = result.orTimeout(5, TimeUnit.SECONDS).join();
        assertThat(failed.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(failed.answer()).startsWith("expired");
        assertThat(failed.confidence()).isZero();
        assertThat(failed.taskId()).isEqualTo("t1");
        assertThat(this.handled).isEmpty();
        assertThat(rejected("expired")).isEqualTo(1);
        assertThat(rejected("overloaded")).isZero();
    }

    @Test
    void failsATaskThatArrivesWhenTheQueueIsFull() {
        // given a full queue
        AgentPool pool = pool(properties(1, 2, 1), answering());
        List<CompletableFuture<AgentResult>> accepted = submit(pool, 2);

        // when one more task arrives
        CompletableFuture<AgentResult> refused = pool.submit(task("one-too-many", Priority.HIGH));

        // then it is answered at once with an explicit failure, and the queued ones are still served
        assertThat(refused).isCompleted();
        assertThat(refused.join().status()).isEqualTo(ResultStatus.FAILED);
        assertThat(refused.join().answer()).startsWith("overloaded");
        assertThat(refused.join().confidence()).isZero();
        assertThat(rejected("overloaded")).isEqualTo(1);
        pool.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> accepted.stream().allMatch(CompletableFuture::isDone));
        assertThat(this.handled).doesNotContain("one-too-many").hasSize(2);
    }

    @Test
    void takesALongQueueInBatches() {
        // given eight tasks queued for a single worker taking up to four at a time
        AgentPool pool = pool(properties(1, 100, 4), answering());
        List<CompletableFuture<AgentResult>> results = submit(pool, 8);

        // when it works through them
        pool.start();

        // then it took two batches
        await().atMost(Duration.ofSeconds(5)).until(() -> results.stream().allMatch(CompletableFuture::isDone));
        assertThat(this.meters.get("agents.batches.processed").counter().count()).isEqualTo(2);
        assertThat(gauge("agents.workers")).isEqualTo(1);
    }

    @Test
    void answersWithAFailureWhenTheWorkFails() {
        // given work that throws
        AgentPool pool = pool(properties(1, 10, 1), task -> {
            throw new IllegalStateException("boom");
        });
        pool.start();

        // when a task is served
        AgentResult result = pool.submit(task("t", Priority.NORMAL)).orTimeout(5, TimeUnit.SECONDS)
                .join();

        // then its result says it failed rather than never coming
        assertThat(result.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(result.confidence()).isZero();
    }

    @Test
    void runsTheTaskInsideTheSubmittersObservation() {
        // given an observation open on the thread that submits (the listener's)
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(context -> true);
        AtomicReference<Observation> seenByWorker = new AtomicReference<>();
        AgentPool pool = new AgentPool(properties(1, 10, 1), task -> {
            seenByWorker.set(observations.getCurrentObservation());
            return answered(task);
        }, this.intake, new Rejections(this.meters), this.meters, observations, this.clock);
        this.pools.add(pool);
        pool.start();

        // when a task is submitted inside it
        CompletableFuture<AgentResult> result = Observation.createNotStarted("listener", observations)
                .observe(() -> pool.submit(task("traced", Priority.NORMAL)));

        // then the worker runs it in an "agents.task" observation whose parent is the submitter's
        result.orTimeout(5, TimeUnit.SECONDS).join();
        assertThat(seenByWorker.get()).isNotNull();
        assertThat(seenByWorker.get().getContext().getName()).isEqualTo("agents.task");
        assertThat(seenByWorker.get().getContext().getParentObservation()).isNotNull();
        assertThat(seenByWorker.get().getContext().getParentObservation().getContextView().getName())
                .isEqualTo("listener");
    }

    private AgentPool pool(PoolProperties properties, TaskHandler handler) {
        AgentPool pool = new AgentPool(properties, handler, this.intake, new Rejections(this.meters), this.meters,
                ObservationRegistry.NOOP, this.clock);
        this.pools.add(pool);
        return pool;
    }

    private static PoolProperties properties(int workers, int capacity, int batchSize) {
        return new PoolProperties(workers, capacity, batchSize, 0.6, 0.8, 0.95);
    }

    private TaskHandler answering() {
        return task -> {
            this.handled.add(task.taskId());
            return answered(task);
        };
    }

    private static AgentResult answered(AgentTask task) {
        return new AgentResult(task.queryId(), task.taskId(), task.agentId(), "DEFINITION", task.concept(),
                task.intent(), ResultStatus.ANSWERED, "an answer", 0.9, List.of());
    }

    private List<CompletableFuture<AgentResult>> submit(AgentPool pool, int count) {
        List<CompletableFuture<AgentResult>> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            results.add(pool.submit(task("t" + this.handled.size() + "-" + i, Priority.NORMAL)));
        }
        return results;
    }

    private static AgentTask task(String taskId, Priority priority) {
        return new AgentTask("q1", taskId, "definition-lightbulb", "lightbulb", Intent.DEFINE, priority, null);
    }

    private double gauge(String name) {
        return this.meters.get(name).gauge().value();
    }

    private double rejected(String reason) {
        return this.meters.get("agents.observations.rejected").tag("reason", reason).counter().count();
    }

    private static final class RecordingIntake implements TaskIntake {

        final AtomicInteger pauses = new AtomicInteger();

        final AtomicInteger resumes = new AtomicInteger();

        @Override
        public void pause() {
            this.pauses.incrementAndGet();
        }

        @Override
        public void resume() {
            this.resumes.incrementAndGet();
        }
    }

    private static final class MovableClock extends Clock {

        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            this.now = this.now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return this.now;
        }
    }
}
