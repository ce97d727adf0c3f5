package io.myriad.reminder;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import io.myriad.reminder.store.RedisKeys;
import io.myriad.reminder.webhook.WebhookReceiver;
import io.myriad.testsupport.RealKafka;
import io.myriad.testsupport.RealRedis;
import io.myriad.testsupport.RedisServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several instances on one Redis: each due reminder is delivered by exactly one of them, a reminder that fell due
 * while none ran is delivered, marked late, when one starts, and one claimed by an instance that was killed is
 * delivered by another once the killed one's heartbeat is gone. Each test has a Redis database of its own, so no
 * other test's instance takes part.
 */
@RealKafka
@RealRedis
class ClaimIT {

    private static final int REMINDERS = 200;

    private static final int USERS = 10;

    @Test
    void twoInstancesDeliverEachDueReminderExactlyOnce() {
        // Small claims, so that both instances' loops interleave rather than one taking all in two claims.
        try (Instance first = Instance.start(5, "myriad.reminders.claim-batch=5");
                Instance second = Instance.start(5, "myriad.reminders.claim-batch=5")) {
            String run = UUID.randomUUID().toString();
            // One due time for all, so that both instances contend for them; far enough ahead that the last of the
            // 200 is still created in the future on a loaded machine (10 s was not: "dueAt must not be in the past").
            String due = LocalDateTime.now(ZoneOffset.UTC).plusSeconds(45).withNano(0).toString();
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < REMINDERS; i++) {
                Instance via = (i % 2 == 0) ? first : second;
                Api.Response created = via.as(user(run, i)).post("/api/v1/reminders", "{\"message\":\"reminder "
                        + i + "\",\"dueAt\":\"" + due + "\",\"zone\":\"UTC\"}");
                assertThat(created.status()).as(created.toString()).isEqualTo(201);
                ids.add(created.json().path("id").asString());
            }
            assertThat(ids).hasSize(REMINDERS);

            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(
                    first.count("reminder.delivery", "status", "inboxed")
                            + second.count("reminder.delivery", "status", "inboxed")).isEqualTo(REMINDERS));

            List<String> delivered = new ArrayList<>();
            for (int u = 0; u < USERS; u++) {
                first.as(user(run, u)).get("/api/v1/inbox").json()
                        .forEach(message -> delivered.add(message.path("reminderId").asString()));
            }
            assertThat(delivered).hasSize(REMINDERS).doesNotHaveDuplicates();
            assertThat(new HashSet<>(delivered)).isEqualTo(ids);
            // Which instance took how many is up to the race (one may drain a burst while the other sleeps);
            // that each was claimed once is what the claim promises, and what the race test below forces.
        }
    }

    @Test
    void aReminderThatFellDueWhileTheServiceWasDownIsDeliveredLateWhenItComesBack() throws InterruptedException {
        String user = "kim-" + UUID.randomUUID();
        String id;
        Instant due;
        try (Instance before = Instance.start(6)) {
            due = Instant.now().plusSeconds(5); // still ahead once the request is checked, on a loaded machine
            id = before.as(user).post("/api/v1/reminders", "{\"message\":\"check the fuse box\",\"dueAt\":\""
                    + LocalDateTime.ofInstant(due, ZoneOffset.UTC).withNano(0) + "\",\"zone\":\"UTC\"}")
                    .json().path("id").asString();
        }
        Thread.sleep(Duration.between(Instant.now(), due).plusSeconds(2));

        try (Instance after = Instance.start(6, "myriad.reminders.late-after=1s")) {
            Api kim = after.as(user);
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                JsonNode inbox = kim.get("/api/v1/inbox").json();
                assertThat(inbox).hasSize(1);
                assertThat(inbox.get(0).path("reminderId").asString()).isEqualTo(id);
                assertThat(inbox.get(0).path("late").asBoolean()).isTrue();
            });
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                    kim.get("/api/v1/reminders/" + id + "/deliveries").json().path(0).path("late").asBoolean())
                    .isTrue());
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                    after.count("reminder.delivery.late", "channel", "in_app")).isEqualTo(1));
        }
    }

    @Test
    void aReminderClaimedByOneInstanceReachesAConnectionOpenOnAnother() throws Exception {
        String user = "lee-" + UUID.randomUUID();
        // The second instance claims nothing (its first claim is at start, then it sleeps an hour): the first one
        // fires the reminder, while the user's connection is open on the second.
        try (Instance claiming = Instance.start(8);
                Instance holding = Instance.start(8, "myriad.reminders.poll-interval=1h")) {
            WebSockets.Client socket = WebSockets.connect(holding.port(), TestIdentity.token(user));
            await().atMost(Duration.ofSeconds(5)).until(() -> holding.gauge("websocket.connections.active") == 1);

            String id = claiming.as(user).post("/api/v1/reminders", ReminderApiIT.reminderJson("over there", 2))
                    .json().path("id").asString();

            JsonNode pushed = Api.JSON.readTree(socket.next(Duration.ofSeconds(15)));
            assertThat(pushed.path("deliveryId").asString()).isEqualTo(id + "-1-in_app");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                    claiming.count("reminder.delivery", "channel", "in_app", "status", "delivered")).isEqualTo(1));
            // Counted once the send returns, which may be just after the client has the message.
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                    holding.count("websocket.messages.sent")).isEqualTo(1));
            assertThat(claiming.as(user).get("/api/v1/inbox").json()).isEmpty();
            socket.close();
        }
    }

    @Test
    void aReminderClaimedByAnInstanceKilledMidDeliveryIsDeliveredOnceItsHeartbeatIsGone() throws Exception {
        String user = "max-" + UUID.randomUUID();
        String[] fastHeartbeat = {"myriad.reminders.heartbeat-ttl=3s", "myriad.reminders.heartbeat-interval=1s",
                "myriad.reminders.webhook.secret=claim-it-secret",
                "myriad.reminders.webhook.allow-private-addresses=true"};
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            // given an instance in a JVM of its own that claimed a reminder, put it in the user's inbox, and waits a
            // minute to try its webhook again after a first attempt the receiver failed
            WebhookReceiver.Endpoint hook = receiver.endpoint("/fails-once", 500, 200);
            String id;
            try (ForkedInstance doomed = ForkedInstance.start("claim-it-killed", 12,
                    Stream.concat(Stream.of(fastHeartbeat), Stream.of("myriad.reminders.initial-backoff=1m",
                            "myriad.reminders.max-backoff=1m")).toArray(String[]::new))) {
                id = RedisOutageIT.create(doomed.as(user), "Renew the passport", hook.url());
                await().atMost(Duration.ofSeconds(20)).until(() -> hook.requests().size() == 1);
                await().atMost(Duration.ofSeconds(5)).until(() -> "INBOXED".equals(
                        RedisOutageIT.delivery(doomed.as(user), id, "in_app").path("status").asString()));

                // when it is killed (kill -9: nothing given back) and another instance runs
                doomed.kill();
            }
            try (Instance survivor = Instance.start(12, fastHeartbeat)) {
                Api max = survivor.as(user);

                // then the survivor puts the claim back once the killed one's heartbeat is gone and delivers what
                // was not acknowledged: the webhook's second attempt; the inbox keeps its one message
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                        RedisOutageIT.state(max, id)).isEqualTo("DELIVERED"));
                assertThat(hook.requests()).extracting(WebhookReceiver.Request::status).containsExactly(500, 200);
                JsonNode webhook = RedisOutageIT.delivery(max, id, "webhook");
                assertThat(webhook.path("status").asString()).isEqualTo("DELIVERED");
                assertThat(webhook.path("attempts").asInt()).isEqualTo(2);
                assertThat(max.get("/api/v1/inbox").json()).singleElement()
                        .satisfies(message -> assertThat(message.path("reminderId").asString()).isEqualTo(id));
                // Counted after the claim is back in the due set, where the survivor may already have taken it.
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                        survivor.count("reminders.requeued", "reason", "owner_gone")).isEqualTo(1));
                assertThat(survivor.count("reminders.requeued", "reason", "inflight_timeout")).isZero();
            }
        }
    }

    @Test
    void aClaimOfAReminderThatAlreadyFiredSendsNothing(RedisServer redis) {
        String user = "noa-" + UUID.randomUUID();
        LettuceConnectionFactory connections = connect(redis, 13);
        try (Instance instance = Instance.start(13)) {
            // given a one-off reminder delivered to the user's inbox
            Api noa = instance.as(user);
            String id = noa.post("/api/v1/reminders", ReminderApiIT.reminderJson("defrost the freezer", 3)).json()
                    .path("id").asString();
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(RedisOutageIT.state(noa, id))
                    .isEqualTo("DELIVERED"));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> instance.count("reminder.delivery", "channel", "in_app") == 1);

            // when it is due again all the same, as a claim taken over from an instance taken for dead after it
            // had fired the reminder would be
            StringRedisTemplate direct = new StringRedisTemplate(connections);
            direct.opsForZSet().add(RedisKeys.DUE, id, System.currentTimeMillis());

            // then an instance claims it, finds it fired, and drops the claim without sending it again
            await().atMost(Duration.ofSeconds(10)).until(() -> direct.opsForZSet().score(RedisKeys.DUE, id) == null
                    && direct.opsForZSet().score(RedisKeys.INFLIGHT, id) == null);
            assertThat(noa.get("/api/v1/inbox").json()).hasSize(1);
            assertThat(noa.get("/api/v1/reminders/" + id + "/deliveries").json()).hasSize(1);
            // A second send would be counted after the claim is dropped: the count has to stay at one a while.
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> instance.count("reminder.delivery", "channel", "in_app") == 1);
        }
        finally {
            connections.destroy();
        }
    }

    private static LettuceConnectionFactory connect(RedisServer redis, int database) {
        RedisStandaloneConfiguration configuration = new RedisStandaloneConfiguration(redis.host(), redis.port());
        configuration.setDatabase(database);
        LettuceConnectionFactory factory = new LettuceConnectionFactory(configuration);
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    private static String user(String run, int i) {
        return "claim-" + run + "-" + (i % USERS);
    }
}
