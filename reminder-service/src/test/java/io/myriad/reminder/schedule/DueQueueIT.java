package io.myriad.reminder.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.myriad.reminder.store.RedisKeys;
import io.myriad.testsupport.RealRedis;
import io.myriad.testsupport.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The claim and its end against a real Redis, raced by eight claimers on two connections as two instances would. */
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
    }

    @Test
    void putsBackClaimsThatWereNeverFinishedOrWereGivenBack() {
        DueQueue queue = new DueQueue(this.first);
        Instant then = Instant.now().minus(Duration.ofMinutes(20));
        Instant now = Instant.now();
        this.first.opsForZSet().add(RedisKeys.INFLIGHT, "crashed", then.toEpochMilli());
        this.first.opsForZSet().add(RedisKeys.INFLIGHT, "busy", now.toEpochMilli());
        this.first.opsForZSet().add(RedisKeys.INFLIGHT, "stopping", now.toEpochMilli());

        assertThat(queue.requeueStale(now.minus(Duration.ofMinutes(10)), now)).isEqualTo(1);
        assertThat(queue.release("stopping", then)).isTrue();
        assertThat(queue.release("stopping", then)).as("only once").isFalse();

        assertThat(this.first.opsForZSet().range(RedisKeys.DUE, 0, -1)).containsExactlyInAnyOrder("crashed",
                "stopping");
        assertThat(this.first.opsForZSet().range(RedisKeys.INFLIGHT, 0, -1)).containsExactly("busy");
        assertThat(queue.overdue(now)).isEqualTo(2);
        assertThat(queue.scheduled()).isEqualTo(3);
    }

    private StringRedisTemplate template(RedisServer redis) {
        RedisStandaloneConfiguration configuration = new RedisStandaloneConfiguration(redis.host(), redis.port());
        configuration.setDatabase(DATABASE);
        LettuceConnectionFactory factory = new LettuceConnectionFactory(configuration);
        factory.afterPropertiesSet();
        factory.start();
        this.factories.add(factory);
        return new StringRedisTemplate(factory);
    }
}
