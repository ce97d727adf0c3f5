package io.myriad.reminder;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.myriad.reminder.store.RedisKeys;
import io.myriad.testsupport.RealKafka;
import io.myriad.testsupport.RealRedis;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

/** In-app delivery: pushed to an open WebSocket, kept in the inbox without one, audited, and scheduled again when recurring. */
// Closed after the class: a context left in the cache keeps its scheduler claiming due reminders on the shared
// Redis, and would deliver another class's reminders with its own configuration and meters.
@DirtiesContext
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {"management.server.port=0",
        "myriad.reminders.poll-interval=100ms"})
@RealKafka
@RealRedis
class InAppDeliveryIT {

    @LocalServerPort
    private int port;

    @Autowired
    private MeterRegistry registry;

    @Autowired
    private StringRedisTemplate redis;

    @DynamicPropertySource
    static void identity(DynamicPropertyRegistry registry) {
        TestIdentity.register(registry);
    }

    @Test
    void pushesADueReminderToTheUsersOpenWebSocketOnceAndAuditsIt() throws Exception {
        String user = "frank-" + UUID.randomUUID();
        Api frank = Api.as(this.port, user);
        WebSockets.Client socket = connect(TestIdentity.token(user), true);
        double sent = count("websocket.messages.sent");
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(gauge("websocket.connections.active")).isGreaterThanOrEqualTo(1));

        String id = frank.post("/api/v1/reminders", ReminderApiIT.reminderJson("replace the lightbulb", 1))
                .json().path("id").asString();

        JsonNode pushed = Api.JSON.readTree(socket.next(Duration.ofSeconds(10)));
        assertThat(pushed.path("type").asString()).isEqualTo("reminder");
        assertThat(pushed.path("deliveryId").asString()).isEqualTo(id + "-1-in_app");
        assertThat(pushed.path("message").asString()).isEqualTo("replace the lightbulb");
        assertThat(pushed.path("late").asBoolean()).isFalse();
        assertThat(socket.next(Duration.ofSeconds(1))).as("one delivery, one message").isNull();
        // Counted once the send returns, which may be just after the client has the message.
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(count("websocket.messages.sent")).isEqualTo(sent + 1));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode deliveries = frank.get("/api/v1/reminders/" + id + "/deliveries").json();
            assertThat(deliveries).hasSize(1);
            assertThat(deliveries.get(0).path("status").asString()).isEqualTo("DELIVERED");
            assertThat(deliveries.get(0).path("attempts").asInt()).isEqualTo(1);
            assertThat(frank.get("/api/v1/reminders/" + id).json().path("state").asString()).isEqualTo("DELIVERED");
        });
        assertThat(frank.get("/api/v1/inbox").json()).isEmpty();
        assertThat(this.redis.opsForZSet().score(RedisKeys.INFLIGHT, id)).isNull();

        try (AuditTopic audit = new AuditTopic()) {
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                List<String> actions = audit.eventsOf(user).stream()
                        .map(event -> event.path("action").asString() + " " + event.path("entity").asString())
                        .toList();
                assertThat(actions).contains("created reminder", "delivered delivery");
            });
        }
        socket.close();
    }

    @Test
    void keepsAReminderInTheInboxWhenNoConnectionIsOpen() {
        String user = "gina-" + UUID.randomUUID();
        Api gina = Api.as(this.port, user);

        String id = gina.post("/api/v1/reminders", ReminderApiIT.reminderJson("call the electrician", 1))
                .json().path("id").asString();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode inbox = gina.get("/api/v1/inbox").json();
            assertThat(inbox).hasSize(1);
            assertThat(inbox.get(0).path("deliveryId").asString()).isEqualTo(id + "-1-in_app");
        });
        // The delivery record is written once the channel has acknowledged: just after the inbox has it.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                gina.get("/api/v1/reminders/" + id + "/deliveries").json().path(0).path("status").asString())
                .isEqualTo("INBOXED"));
        assertThat(gina.delete("/api/v1/inbox").status()).isEqualTo(204);
        assertThat(gina.get("/api/v1/inbox").json()).isEmpty();
    }

    @Test
    void acknowledgingAnInboxMessageRemovesItAndOlderOnesButNotANewerOne() {
        String user = "jo-" + UUID.randomUUID();
        Api jo = Api.as(this.port, user);
        for (String message : List.of("one", "two", "three")) {
            jo.post("/api/v1/reminders", ReminderApiIT.reminderJson(message, 1));
        }
        List<String> ids = await().atMost(Duration.ofSeconds(10)).until(() -> jo.get("/api/v1/inbox").json()
                .valueStream().map(message -> message.path("deliveryId").asString()).toList(),
                inbox -> inbox.size() == 3);

        // the client showed the two older messages; the newest came in after its read
        assertThat(jo.delete("/api/v1/inbox/" + ids.get(1)).status()).isEqualTo(204);

        assertThat(jo.get("/api/v1/inbox").json().valueStream().map(message -> message.path("deliveryId").asString()))
                .containsExactly(ids.get(0));
        Api.Response unknown = jo.delete("/api/v1/inbox/" + ids.get(1));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("title").asString()).isNotBlank();
        assertThat(Api.as(this.port, "someone-else").delete("/api/v1/inbox/" + ids.get(0)).status()).isEqualTo(404);
        assertThat(jo.get("/api/v1/inbox").json()).hasSize(1);
    }

    @Test
    void acceptsTheTokenAsAQueryParameterOnTheWebSocketOnlyAndRefusesNone() throws Exception {
        String user = "hal-" + UUID.randomUUID();
        WebSockets.Client socket = connect(TestIdentity.token(user), false);
        socket.socket().sendText("ping", true).join();
        assertThat(socket.next(Duration.ofSeconds(5))).isEqualTo("pong");
        socket.close();

        assertThatThrownBy(() -> connect(null, true)).hasMessage("handshake refused: 401");
        assertThat(Api.withToken(this.port, null).get("/api/v1/tasks?access_token=" + TestIdentity.token(user))
                .status()).isEqualTo(401);
    }

    @Test
    void aRecurringReminderIsScheduledAgainWhenItFires() {
        String user = "ivy-" + UUID.randomUUID();
        Api ivy = Api.as(this.port, user);
        double recurred = count("reminder.recurring.occurrences");
        String due = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(1).withNano(0).toString();

        JsonNode created = ivy.post("/api/v1/reminders", "{\"message\":\"stretch\",\"dueAt\":\"" + due
                + "\",\"zone\":\"UTC\",\"recurrence\":{\"frequency\":\"MINUTES\",\"interval\":5}}").json();
        String id = created.path("id").asString();
        Instant first = Instant.parse(created.path("dueAt").asString());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode reminder = ivy.get("/api/v1/reminders/" + id).json();
            assertThat(reminder.path("occurrences").asInt()).isEqualTo(1);
            assertThat(reminder.path("state").asString()).isEqualTo("SCHEDULED");
            assertThat(Instant.parse(reminder.path("dueAt").asString())).isEqualTo(first.plus(Duration.ofMinutes(5)));
        });
        assertThat(this.redis.opsForZSet().score(RedisKeys.DUE, id)).isEqualTo(
                (double) first.plus(Duration.ofMinutes(5)).toEpochMilli());
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(count("reminder.recurring.occurrences")).isEqualTo(recurred + 1));
        assertThat(ivy.get("/api/v1/inbox").json()).hasSize(1);
    }

    private WebSockets.Client connect(String token, boolean inHeader) {
        return inHeader ? WebSockets.connect(this.port, token) : WebSockets.connectWithQueryToken(this.port, token);
    }

    private double count(String name) {
        return this.registry.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private double gauge(String name) {
        return this.registry.get(name).gauge().value();
    }
}
