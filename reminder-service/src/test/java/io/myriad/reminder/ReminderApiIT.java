package io.myriad.reminder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.myriad.reminder.store.RedisKeys;
import io.myriad.testsupport.JwtKeys;
import io.myriad.testsupport.RawHttp;
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
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

/** The HTTP API: who may call it, what each user sees, and that bad input is refused whole. */
// Closed after the class: a context left in the cache keeps its scheduler claiming due reminders on the shared
// Redis, and would deliver another class's reminders with its own configuration and meters.
@DirtiesContext
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = "management.server.port=0")
@RealKafka
@RealRedis
class ReminderApiIT {

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
    void refusesCallsWithoutAValidTokenWithAProblem() {
        Api.Response none = Api.withToken(this.port, null).get("/api/v1/tasks");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.wwwAuthenticate()).startsWith("Bearer");
        assertThat(none.contentType()).startsWith("application/problem+json");
        assertThat(none.json().path("status").asInt()).isEqualTo(401);

        String otherKey = JwtKeys.generate().token(TestIdentity.ISSUER, TestIdentity.AUDIENCE, "mallory",
                Duration.ofMinutes(5));
        assertThat(Api.withToken(this.port, otherKey).get("/api/v1/tasks").status()).isEqualTo(401);

        String otherIssuer = TestIdentity.KEYS.token("https://elsewhere.test", TestIdentity.AUDIENCE, "mallory",
                Duration.ofMinutes(5));
        assertThat(Api.withToken(this.port, otherIssuer).get("/api/v1/tasks").status()).isEqualTo(401);

        String otherService = TestIdentity.KEYS.token(TestIdentity.ISSUER, "myriad-billing", "mallory",
                Duration.ofMinutes(5));
        Api.Response forAnotherService = Api.withToken(this.port, otherService).get("/api/v1/tasks");
        assertThat(forAnotherService.status()).isEqualTo(401);
        assertThat(forAnotherService.contentType()).startsWith("application/problem+json");

        long now = java.time.Instant.now().getEpochSecond();
        String noAudience = TestIdentity.KEYS.sign("{\"iss\":\"" + TestIdentity.ISSUER
                + "\",\"sub\":\"mallory\",\"iat\":" + now + ",\"exp\":" + (now + 300) + "}");
        assertThat(Api.withToken(this.port, noAudience).get("/api/v1/tasks").status()).isEqualTo(401);

        long past = java.time.Instant.now().minusSeconds(3600).getEpochSecond();
        String expired = TestIdentity.KEYS.sign("{\"iss\":\"" + TestIdentity.ISSUER
                + "\",\"sub\":\"mallory\",\"iat\":" + (past - 60) + ",\"exp\":" + past + "}");
        assertThat(Api.withToken(this.port, expired).get("/api/v1/tasks").status()).isEqualTo(401);

        assertThat(Api.withToken(this.port, "not.a.jwt").get("/api/v1/tasks").status()).isEqualTo(401);
    }

    @Test
    void keepsAUsersTasksThroughTheirWholeLife() {
        Api alice = Api.as(this.port, "alice-" + UUID.randomUUID());
        double created = operations("task", "create", "success");

        Api.Response made = alice.post("/api/v1/tasks",
                "{\"title\":\"Replace the lightbulb\",\"description\":\"the hall one\"}");
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        String id = made.json().path("id").asString();
        assertThat(made.json().path("status").asString()).isEqualTo("OPEN");
        // Counted when the request's observation stops, which may be just after the client has its answer.
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(operations("task", "create", "success")).isEqualTo(created + 1));

        assertThat(alice.get("/api/v1/tasks/" + id).json().path("title").asString()).isEqualTo("Replace the lightbulb");

        Api.Response updated = alice.put("/api/v1/tasks/" + id,
                "{\"title\":\"Replace the hall lightbulb\",\"dueAt\":\"2026-12-01T09:00:00+01:00\"}");
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().path("dueAt").asString()).isEqualTo("2026-12-01T08:00:00Z");

        Api.Response completed = alice.post("/api/v1/tasks/" + id + "/complete", "");
        assertThat(completed.json().path("status").asString()).isEqualTo("COMPLETED");
        assertThat(completed.json().path("completedAt").isNull()).isFalse();

        assertThat(alice.delete("/api/v1/tasks/" + id).status()).isEqualTo(204);
        assertThat(alice.get("/api/v1/tasks/" + id).status()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(operations("task", "read", "not_found")).isGreaterThanOrEqualTo(1));
    }

    @Test
    void pagesTasksNewestFirst() {
        Api bob = Api.as(this.port, "bob-" + UUID.randomUUID());
        for (String title : new String[] {"first", "second", "third"}) {
            assertThat(bob.post("/api/v1/tasks", "{\"title\":\"" + title + "\"}").status()).isEqualTo(201);
        }

        JsonNode page0 = bob.get("/api/v1/tasks?page=0&size=2").json();
        JsonNode page1 = bob.get("/api/v1/tasks?page=1&size=2").json();

        assertThat(page0.path("total").asLong()).isEqualTo(3);
        assertThat(page0.path("items")).hasSize(2);
        assertThat(page0.path("items").get(0).path("title").asString()).isEqualTo("third");
        assertThat(page1.path("items")).hasSize(1);
        assertThat(page1.path("items").get(0).path("title").asString()).isEqualTo("first");
        assertThat(bob.get("/api/v1/tasks?size=0").status()).isEqualTo(400);
        assertThat(bob.get("/api/v1/tasks?size=101").status()).isEqualTo(400);
    }

    @Test
    void aUserCannotSeeOrChangeAnotherUsersTasksOrReminders() {
        Api owner = Api.as(this.port, "owner-" + UUID.randomUUID());
        Api other = Api.as(this.port, "other-" + UUID.randomUUID());
        String task = owner.post("/api/v1/tasks", "{\"title\":\"mine\"}").json().path("id").asString();
        String reminder = owner.post("/api/v1/reminders", reminderJson("mine", 3600)).json().path("id").asString();

        assertThat(other.get("/api/v1/tasks/" + task).status()).isEqualTo(404);
        assertThat(other.put("/api/v1/tasks/" + task, "{\"title\":\"theirs\"}").status()).isEqualTo(404);
        assertThat(other.post("/api/v1/tasks/" + task + "/complete", "").status()).isEqualTo(404);
        assertThat(other.delete("/api/v1/tasks/" + task).status()).isEqualTo(404);
        assertThat(other.get("/api/v1/reminders/" + reminder).status()).isEqualTo(404);
        assertThat(other.get("/api/v1/reminders/" + reminder + "/deliveries").status()).isEqualTo(404);
        assertThat(other.put("/api/v1/reminders/" + reminder, reminderJson("theirs", 60)).status()).isEqualTo(404);
        assertThat(other.delete("/api/v1/reminders/" + reminder).status()).isEqualTo(404);
        assertThat(other.get("/api/v1/tasks").json().path("total").asLong()).isZero();

        assertThat(owner.get("/api/v1/tasks/" + task).json().path("title").asString()).isEqualTo("mine");
        assertThat(owner.get("/api/v1/reminders/" + reminder).json().path("message").asString()).isEqualTo("mine");
    }

    @Test
    void refusesBadTasksWithProblemDetails() {
        Api carol = Api.as(this.port, "carol-" + UUID.randomUUID());

        Api.Response blank = carol.post("/api/v1/tasks", "{\"title\":\" \"}");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.contentType()).startsWith("application/problem+json");
        assertThat(blank.json().path("errors").toString()).contains("title");

        assertThat(carol.post("/api/v1/tasks", "{\"title\":").status()).isEqualTo(400);
        assertThat(carol.post("/api/v1/tasks", "{\"title\":\"x\",\"dueAt\":\"tomorrow\"}").status()).isEqualTo(400);
        assertThat(carol.post("/api/v1/tasks", "{\"title\":\"" + "x".repeat(201) + "\"}").status()).isEqualTo(400);
        assertThat(carol.get("/api/v1/tasks").json().path("total").asLong()).isZero();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(operations("task", "create", "invalid")).isGreaterThanOrEqualTo(2));
    }

    @Test
    void refusesBadRemindersWholeAndWritesNothing() {
        Api dave = Api.as(this.port, "dave-" + UUID.randomUUID());
        Long dueBefore = this.redis.opsForZSet().zCard(RedisKeys.DUE);
        String future = LocalDateTime.now(ZoneOffset.UTC).plusHours(1).withNano(0).toString();

        Api.Response badZone = dave.post("/api/v1/reminders",
                "{\"message\":\"m\",\"dueAt\":\"" + future + "\",\"zone\":\"Mars/Olympus\"}");
        Api.Response past = dave.post("/api/v1/reminders",
                "{\"message\":\"m\",\"dueAt\":\"2020-01-01T09:00\",\"zone\":\"UTC\"}");
        Api.Response channels = dave.post("/api/v1/reminders", "{\"message\":\"m\",\"dueAt\":\"" + future
                + "\",\"zone\":\"UTC\",\"channels\":[{\"type\":\"in_app\"},{\"type\":\"in_app\"},"
                + "{\"type\":\"webhook\",\"url\":\"ftp://x\"}]}");
        Api.Response weekly = dave.post("/api/v1/reminders", "{\"message\":\"m\",\"dueAt\":\"" + future
                + "\",\"zone\":\"UTC\",\"recurrence\":{\"frequency\":\"WEEKLY\",\"at\":\"08:00\"}}");
        Api.Response unknownChannel = dave.post("/api/v1/reminders", "{\"message\":\"m\",\"dueAt\":\"" + future
                + "\",\"zone\":\"UTC\",\"channels\":[{\"type\":\"pigeon\"}]}");
        Api.Response noChannels = dave.post("/api/v1/reminders", "{\"message\":\"m\",\"dueAt\":\"" + future
                + "\",\"zone\":\"UTC\",\"channels\":[]}");
        Api.Response credentials = dave.post("/api/v1/reminders", "{\"message\":\"m\",\"dueAt\":\"" + future
                + "\",\"zone\":\"UTC\",\"channels\":[{\"type\":\"webhook\",\"url\":\"https://u:p@example.com/\"}]}");
        Api.Response noSuchPort = dave.post("/api/v1/reminders", "{\"message\":\"m\",\"dueAt\":\"" + future
                + "\",\"zone\":\"UTC\",\"channels\":[{\"type\":\"webhook\",\"url\":\"https://example.com:99999/\"}]}");

        assertThat(badZone.status()).isEqualTo(400);
        assertThat(badZone.json().path("errors").toString()).contains("zone");
        assertThat(past.json().path("errors").toString()).contains("dueAt must not be in the past");
        assertThat(channels.json().path("errors").toString()).contains("channels[1] repeats channel in_app")
                .contains("channels[2].url must be an absolute http or https URL");
        assertThat(weekly.json().path("errors").toString()).as(weekly.toString()).contains("recurrence.days");
        assertThat(unknownChannel.status()).isEqualTo(400);
        assertThat(noChannels.status()).isEqualTo(400);
        assertThat(credentials.json().path("errors").toString()).as(credentials.toString())
                .contains("channels[0].url must be an absolute http or https URL, without user info");
        assertThat(noSuchPort.json().path("errors").toString()).as(noSuchPort.toString())
                .contains("on a port from 1 to 65535");
        assertThat(dave.get("/api/v1/reminders").json().path("total").asLong()).isZero();
        assertThat(this.redis.opsForZSet().zCard(RedisKeys.DUE)).isEqualTo(dueBefore);
    }

    @Test
    void updatingAReminderMovesItsDueTimeAndDeletingUnschedulesIt() {
        Api erin = Api.as(this.port, "erin-" + UUID.randomUUID());
        String id = erin.post("/api/v1/reminders", reminderJson("water the plants", 3600)).json().path("id")
                .asString();
        Double first = this.redis.opsForZSet().score(RedisKeys.DUE, id);

        Api.Response updated = erin.put("/api/v1/reminders/" + id, reminderJson("water the ferns", 7200));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(this.redis.opsForZSet().score(RedisKeys.DUE, id)).isGreaterThan(first);
        assertThat(erin.get("/api/v1/reminders/" + id).json().path("message").asString()).isEqualTo("water the ferns");

        assertThat(erin.delete("/api/v1/reminders/" + id).status()).isEqualTo(204);
        assertThat(this.redis.opsForZSet().score(RedisKeys.DUE, id)).isNull();
        assertThat(erin.get("/api/v1/reminders/" + id).status()).isEqualTo(404);
    }

    @Test
    void refusesAnIdThatIsNotOneTheApiHandsOutBeforeItReachesRedis() {
        // given a reminder, whose deliveries live under "<id>:deliveries"-style keys of their own
        Api frank = Api.as(this.port, "frank-" + UUID.randomUUID());
        String id = frank.post("/api/v1/reminders", reminderJson("call mum", 3600)).json().path("id").asString();

        // when its id is sent with a suffix, or something else entirely
        for (String path : new String[] {"/api/v1/reminders/" + id + ":deliveries", "/api/v1/reminders/" + id + ":x",
                "/api/v1/reminders/*", "/api/v1/tasks/" + id + ":deliveries"}) {
            Api.Response response = frank.get(path);

            // then it is a 400 problem naming the id, never a 5xx from reading another structure
            assertThat(response.status()).as(path + ": " + response).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().path("errors").toString()).contains("id must be an id");
        }
        assertThat(frank.put("/api/v1/reminders/" + id + ":deliveries", reminderJson("x", 60)).status())
                .isEqualTo(400);
        assertThat(frank.delete("/api/v1/reminders/" + id + ":deliveries").status()).isEqualTo(400);
        assertThat(frank.get("/api/v1/reminders/" + id).json().path("message").asString()).isEqualTo("call mum");
    }

    @Test
    void namesTheFieldItCouldNotReadWithoutAnyJavaClassName() {
        Api grace = Api.as(this.port, "grace-" + UUID.randomUUID());

        Api.Response array = grace.post("/api/v1/reminders", "[]");
        Api.Response wrongType = grace.post("/api/v1/reminders", "{\"message\":\"m\",\"channels\":[{\"type\":[1]}]}");

        assertThat(array.status()).isEqualTo(400);
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().path("detail").asString()).contains("(at channels[0].type)");
        assertThat(array.json().path("type").asString()).isEqualTo("https://myriad.io/problems/bad-request");
        for (Api.Response response : new Api.Response[] {array, wrongType}) {
            assertThat(response.body()).doesNotContain("io.myriad", "java.", "tools.jackson", "Exception");
        }
    }

    @Test
    void refusesATenMegabyteBodyAtOnceWithOrWithoutAToken() {
        String token = TestIdentity.KEYS.token(TestIdentity.ISSUER, TestIdentity.AUDIENCE, "heidi",
                Duration.ofMinutes(5));
        for (String authorization : new String[] {"", "Authorization: Bearer " + token + "\r\n"}) {
            // announced: answered from the headers, before a byte of the body is sent
            RawHttp.Response announced = raw("POST /api/v1/reminders HTTP/1.1\r\nHost: localhost\r\n" + authorization
                    + "Content-Type: application/json\r\nContent-Length: 10485760\r\n\r\n");
            assertThat(announced.status()).as(announced.toString()).isEqualTo(413);
            assertThat(announced.contentType()).startsWith("application/problem+json");

            // chunked: answered at the limit, without the rest of the body or its last chunk
            StringBuilder chunked = new StringBuilder("POST /api/v1/reminders HTTP/1.1\r\nHost: localhost\r\n"
                    + authorization + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
            String chunk = "a".repeat(8192);
            for (int i = 0; i < 12; i++) {
                chunked.append("2000\r\n").append(chunk).append("\r\n");
            }
            RawHttp.Response atTheLimit = raw(chunked.toString());
            assertThat(atTheLimit.status()).as(atTheLimit.toString()).isEqualTo(413);
            assertThat(atTheLimit.contentType()).startsWith("application/problem+json");
        }
    }

    /** The answer to a request sent byte for byte. */
    private RawHttp.Response raw(String request) {
        return RawHttp.send(this.port, request.getBytes(StandardCharsets.ISO_8859_1), Duration.ofSeconds(10));
    }

    static String reminderJson(String message, int inSeconds) {
        // Rounded up to the second, not down: truncating could leave a due time a few milliseconds ahead, in the past
        // by the time the request is checked.
        String due = LocalDateTime.now(ZoneOffset.UTC).plusSeconds(inSeconds + 1L).withNano(0).toString();
        return "{\"message\":\"" + message + "\",\"dueAt\":\"" + due + "\",\"zone\":\"UTC\"}";
    }

    private double operations(String entity, String operation, String status) {
        var counter = this.registry.find("task.operations").tags("entity", entity, "operation", operation, "status",
                status).counter();
        return (counter != null) ? counter.count() : 0;
    }
}
