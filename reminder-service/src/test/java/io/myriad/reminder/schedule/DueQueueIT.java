package io.myriad.reminder.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.myriad.reminder.RedisLink;
import io.myriad.reminder.store.RedisKeys;
import io.myriad.testsupport.RealRedis;
import io.myriad.testsupport.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The claim and its end against a real Redis, raced by eight claimers on two connections as two instances would; and
 * what puts a claim back: its owner's heartbeat gone, its owner not firing it, no owner and the in-flight timeout.
 */
@RealRedis
class DueQueueIT {

    private static final int DATABASE = 7;

    private final List<LettuceConnectionFactory> factories = new ArrayList<>();

    private StringRedisTemplate first;

    private StringRedisTemplate second;

    @BeforeEach
    void connect(RedisServer redis) {
        this.first = template(redis);
        this.second = template(redis);
        this.first.getConnectionFactory().getConnection().serverCommands().flushDb();
    }

    @AfterEach
    void disconnect() {
        this.factories.forEach(LettuceConnectionFactory::destroy);
    }

    @Test
    void eightRacingClaimersTakeEachDueReminderExactlyOnce() throws Exception {
        int reminders = 2_000;
        Instant now = Instant.now();
        for (int i = 0; i < reminders; i++) {
            this.first.opsForZSet().add(RedisKeys.DUE, "r" + i, now.minusSeconds(i % 60).toEpochMilli());
        }
        this.first.opsForZSet().add(RedisKeys.DUE, "later", now.plusSeconds(60).toEpochMilli());

        List<Callable<List<String>>> claimers = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            DueQueue queue = new DueQueue((c % 2 == 0) ? this.first : this.second);
            queue.beat(Duration.ofMinutes(1));
            claimers.add(() -> {
                List<String> mine = new ArrayList<>();
                for (List<String> claimed = queue.claim(now, 7); !claimed.isEmpty(); claimed = queue.claim(now, 7)) {
                    mine.addAll(claimed);
                }
                return mine;
            });
        }
        List<String> all = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<List<String>> claimed : pool.invokeAll(claimers)) {
                all.addAll(claimed.get());
            }
        }

        assertThat(all).hasSize(reminders).doesNotHaveDuplicates().doesNotContain("later");
        assertThat(this.first.opsForZSet().zCard(RedisKeys.INFLIGHT)).isEqualTo(reminders);
        assertThat(this.first.opsForZSet().range(RedisKeys.DUE, 0, -1)).containsExactly("later");
    }

    @Test
    void endingAClaimKeepsAChangeTheUserMadeMeanwhile() {
        DueQueue queue = new DueQueue(this.first);
        queue.beat(Duration.ofMinutes(1));
        Instant now = Instant.now();
        this.first.opsForValue().set(RedisKeys.reminder("a"), "{\"v\":1}");
        this.first.opsForValue().set(RedisKeys.reminder("b"), "{\"v\":1}");
        this.first.opsForZSet().add(RedisKeys.DUE, "a", now.toEpochMilli());
        this.first.opsForZSet().add(RedisKeys.DUE, "b", now.toEpochMilli());
        assertThat(queue.claim(now, 10)).containsExactlyInAnyOrder("a", "b");
        this.first.opsForValue().set(RedisKeys.reminder("b"), "{\"v\":\"edited\"}");

        Instant next = now.plus(Duration.ofMinutes(5));
        assertThat(queue.complete("a", "{\"v\":1}", "{\"v\":2}", next)).isTrue();
        assertThat(queue.complete("b", "{\"v\":1}", "{\"v\":2}", next)).isFalse();

        assertThat(this.first.opsForValue().get(RedisKeys.reminder("a"))).isEqualTo("{\"v\":2}");
        assertThat(this.first.opsForZSet().score(RedisKeys.DUE, "a")).isEqualTo((double) next.toEpochMilli());
        assertThat(this.first.opsForValue().get(RedisKeys.reminder("b"))).isEqualTo("{\"v\":\"edited\"}");
        assertThat(this.first.opsForZSet().zCard(RedisKeys.INFLIGHT)).isZero();
        assertThat(this.first.opsForHash().size(RedisKeys.INFLIGHT_OWNERS)).as("no owner left behind").isZero();
    }

    @Test
    void putsBackTheClaimsOfAnInstanceWhoseHeartbeatExpiredAndNotThoseOfALiveOne() {
        // given two instances with a three-second heartbeat (a live one must not miss a beat on a busy machine),
        // each holding a claim
        Duration ttl = Duration.ofSeconds(3);
        Duration scanPeriod = Duration.ofMillis(250);
        DueQueue crashed = new DueQueue(this.first);
        DueQueue alive = new DueQueue(this.second);
        Instant now = Instant.now();
        this.first.opsForZSet().add(RedisKeys.DUE, "a", now.toEpochMilli());
        this.first.opsForZSet().add(RedisKeys.DUE, "b", now.toEpochMilli());
        Instant lastBeat = Instant.now();
        crashed.beat(ttl);
        alive.beat(ttl);
        List<String> crashedClaims = crashed.claim(now, 1);
        List<String> aliveClaims = alive.claim(now, 1);
        assertThat(crashedClaims).hasSize(1);
        assertThat(aliveClaims).hasSize(1);
        assertThat(alive.requeueAbandoned(now)).as("both heartbeats alive: nothing to put back").isZero();

        // when one stops beating (as a killed instance does) and the other beats and scans every scan period
        await().atMost(Duration.ofSeconds(15)).pollInterval(scanPeriod).until(() -> {
            alive.beat(ttl);
            return alive.requeueAbandoned(Instant.now()) > 0;
        });

        // then the crashed one's claim is due again, not before its heartbeat expired (how soon after is the
        // machine's speed, bounded only by the wait above), and the live one's is still in flight, still its own
        assertThat(Duration.between(lastBeat, Instant.now())).isGreaterThanOrEqualTo(ttl);
        assertThat(this.first.opsForZSet().range(RedisKeys.DUE, 0, -1)).containsExactlyElementsOf(crashedClaims);
        assertThat(this.first.opsForZSet().range(RedisKeys.INFLIGHT, 0, -1)).containsExactlyElementsOf(aliveClaims);
        assertThat(this.first.opsForHash().entries(RedisKeys.INFLIGHT_OWNERS))
                .containsExactly(Map.entry(aliveClaims.get(0), alive.instanceId()));
        assertThat(alive.requeueAbandoned(Instant.now())).as("once").isZero();
    }

    @Test
    void claimsNothingWithoutAHeartbeat() {
        DueQueue queue = new DueQueue(this.first);
        Instant now = Instant.now();
        this.first.opsForZSet().add(RedisKeys.DUE, "a", now.toEpochMilli());

        // without a heartbeat, the other instances would take the claim for one of a dead instance
        assertThat(queue.claim(now, 10)).isEmpty();
        assertThat(queue.beat(Duration.ofMinutes(1))).as("no heartbeat before").isFalse();
        assertThat(queue.claim(now, 10)).containsExactly("a");
        assertThat(queue.beat(Duration.ofMinutes(1))).as("still beating").isTrue();
    }

    @Test
    void putsBackTheClaimsThisInstanceMadeButIsNotFiring() {
        // given claims of this instance, of which it fires only one (the reply to the other's claim was lost)
        DueQueue queue = new DueQueue(this.first);
        DueQueue other = new DueQueue(this.second);
        queue.beat(Duration.ofMinutes(1));
        other.beat(Duration.ofMinutes(1));
        Instant now = Instant.now();
        this.first.opsForZSet().add(RedisKeys.DUE, "fired", now.toEpochMilli());
        this.first.opsForZSet().add(RedisKeys.DUE, "lost", now.plusMillis(1).toEpochMilli());
        this.first.opsForZSet().add(RedisKeys.DUE, "others", now.plusMillis(2).toEpochMilli());
        assertThat(queue.claim(now.plusMillis(1), 10)).containsExactly("fired", "lost");
        assertThat(other.claim(now.plusMillis(2), 10)).containsExactly("others");

        // when it puts back what it is not firing
        long requeued = queue.requeueLost(Set.of("fired"), now);

        // then only its lost claim is due again; another instance's claim is that instance's business
        assertThat(requeued).isEqualTo(1);
        assertThat(this.first.opsForZSet().range(RedisKeys.DUE, 0, -1)).containsExactly("lost");
        assertThat(this.first.opsForZSet().range(RedisKeys.INFLIGHT, 0, -1)).containsExactlyInAnyOrder("fired",
                "others");
    }

    @Test
    void putsBackClaimsWithoutOwnerThatWereNeverFinishedOrWereGivenBack() {
        DueQueue queue = new DueQueue(this.first);
        Instant then = Instant.now().minus(Duration.ofMinutes(20));
        Instant now = Instant.now();
        this.first.opsForZSet().add(RedisKeys.INFLIGHT, "crashed", then.toEpochMilli());
        this.first.opsForZSet().add(RedisKeys.INFLIGHT, "busy", now.toEpochMilli());
        this.first.opsForZSet().add(RedisKeys.INFLIGHT, "stopping", now.toEpochMilli());
        // claimed long ago by an instance still at it (retrying its store, say): its owner finishes it
        this.first.opsForZSet().add(RedisKeys.INFLIGHT, "owned", then.toEpochMilli());
        this.first.opsForHash().put(RedisKeys.INFLIGHT_OWNERS, "owned", queue.instanceId());

        assertThat(queue.requeueStale(now.minus(Duration.ofMinutes(10)), now)).isEqualTo(1);
        assertThat(queue.release("stopping", then)).isTrue();
        assertThat(queue.release("stopping", then)).as("only once").isFalse();

        assertThat(this.first.opsForZSet().range(RedisKeys.DUE, 0, -1)).containsExactlyInAnyOrder("crashed",
                "stopping");
        assertThat(this.first.opsForZSet().range(RedisKeys.INFLIGHT, 0, -1)).containsExactlyInAnyOrder("busy",
                "owned");
        assertThat(queue.overdue(now)).isEqualTo(2);
        assertThat(queue.scheduled()).isEqualTo(4);
    }

    @Test
    void aClaimWhoseReplyWasLostWithItsConnectionIsGivenBackByTheNextScan(RedisServer redis) throws Exception {
        // given an instance whose connection to Redis goes through a link the test can cut, and a due reminder
        try (RedisLink link = RedisLink.to(redis)) {
            DueQueue queue = new DueQueue(template(redis.host(), link.port()));
            queue.beat(Duration.ofMinutes(1));
            Instant now = Instant.now();
            this.first.opsForZSet().add(RedisKeys.DUE, "a", now.toEpochMilli());

            // when Redis is busy (another client's script) as the claim arrives, and the connection drops before the
            // reply, then comes back
            CompletableFuture<Object> busy = CompletableFuture.supplyAsync(
                    () -> this.first.execute(BUSY_FOR_TWO_SECONDS, List.of()));
            Thread.sleep(500); // the busy script has started
            CompletableFuture<List<String>> claimed = CompletableFuture.supplyAsync(() -> queue.claim(now, 10));
            Thread.sleep(500); // the claim has reached Redis, which reads it once the busy script is done
            link.cut();
            busy.get(10, TimeUnit.SECONDS);
            link.restore();

            // then the claim ran twice (Lettuce sent it again after reconnecting) and its caller got the second run's
            // empty answer; the first run's reminder is this instance's, fired by no one, until the scan gives it back
            assertThat(claimed.get(30, TimeUnit.SECONDS)).isEmpty();
            assertThat(this.first.opsForZSet().range(RedisKeys.INFLIGHT, 0, -1)).containsExactly("a");
            assertThat(queue.requeueLost(Set.of(), Instant.now())).isEqualTo(1);
            assertThat(this.first.opsForZSet().range(RedisKeys.DUE, 0, -1)).containsExactly("a");
        }
    }

    /** Keeps Redis, which runs one script at a time, from serving anyone else for two seconds. */
    private static final RedisScript<Long> BUSY_FOR_TWO_SECONDS = RedisScript.of("""
            local start = redis.call('TIME')
            while true do
              local now = redis.call('TIME')
              if (now[1] - start[1]) * 1000000 + (now[2] - start[2]) > 2000000 then
                return 1
              end
            end
            """, Long.class);

    private StringRedisTemplate template(RedisServer redis) {
        return template(redis.host(), redis.port());
    }

    private StringRedisTemplate template(String host, int port) {
        RedisStandaloneConfiguration configuration = new RedisStandaloneConfiguration(host, port);
        configuration.setDatabase(DATABASE);
        LettuceConnectionFactory factory = new LettuceConnectionFactory(configuration);
        factory.afterPropertiesSet();
        factory.start();
        this.factories.add(factory);
        return new StringRedisTemplate(factory);
    }
}
