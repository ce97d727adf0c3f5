package io.myriad.reminder;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.MeterRegistry;
import io.myriad.testsupport.RealKafka;
import io.myriad.testsupport.RealRedis;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

/**
 * The per-user limits as a client meets them, with small limits so that reaching them takes a few calls: requests
 * per second (the starter's), reminders and tasks stored, WebSocket connections open. Every test has users of its
 * own, so one test's use never counts against another's.
 */
// Closed after the class: a context left in the cache keeps its scheduler claiming due reminders on the shared
// Redis, and would deliver another class's reminders with its own configuration and meters.
@DirtiesContext
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = { "management.server.port=0",
        "myriad.reminders.max-reminders-per-user=3", "myriad.reminders.max-tasks-per-user=2",
        "myriad.reminders.max-connections-per-user=2", "myriad.security.rate-limit.capacity=10",
        "myriad.security.rate-limit.refill-per-second=1" })
@RealKafka
@RealRedis
class LimitsIT {

    @LocalServerPort
    private int port;

    @Autowired
    private MeterRegistry meters;

    @DynamicPropertySource
    static void identity(DynamicPropertyRegistry registry) {
        TestIdentity.register(registry);
    }

    @Test
    void aUserOverTheRequestRateGets429WithRetryAfterWhileAnotherUserIsUnaffected() {
        Api greedy = Api.as(this.port, user("greedy"));
        Api other = Api.as(this.port, user("other"));

        // A burst of 10, then 1 a second: to never be refused, 100 calls would have to take 90 seconds.
        Api.Response refused = null;
        for (int i = 0; i < 100 && refused == null; i++) {
            Api.Response response = greedy.get("/api/v1/tasks");
            if (response.status() != 200) {
                refused = response;
            }
        }

        assertThat(refused).as("a refusal within 100 calls").isNotNull();
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.retryAfter()).matches("[1-9][0-9]*");
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("type").asString()).isEqualTo("https://myriad.io/problems/too-many-requests");
        assertThat(refused.body()).doesNotContain("Exception", "io.myriad");
        assertThat(other.get("/api/v1/tasks").status()).isEqualTo(200);
    }

    @Test
    void refusesTheFourthReminderWith409AndTakesItAfterADelete() {
        Api kim = Api.as(this.port, user("kim"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Api.Response created = kim.post("/api/v1/reminders", reminder("water the plants " + i));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            ids.add(created.json().path("id").asString());
        }

        Api.Response full = kim.post("/api/v1/reminders", reminder("one too many"));
        assertThat(full.status()).as(full.toString()).isEqualTo(409);
        assertThat(full.contentType()).startsWith("application/problem+json");
        assertThat(full.json().path("type").asString()).isEqualTo("https://myriad.io/problems/quota-exceeded");
        assertThat(full.json().path("limit").asString()).isEqualTo("reminders");
        assertThat(full.json().path("max").asInt()).isEqualTo(3);
        assertThat(Api.as(this.port, user("lee")).post("/api/v1/reminders", reminder("someone else's")).status())
                .isEqualTo(201);

        assertThat(kim.delete("/api/v1/reminders/" + ids.get(0)).status()).isEqualTo(204);
        assertThat(kim.post("/api/v1/reminders", reminder("now there is room")).status()).isEqualTo(201);
    }

    @Test
    void refusesTheThirdTaskWith409AndTakesItAfterADelete() {
        Api kim = Api.as(this.port, user("kim"));
        String first = kim.post("/api/v1/tasks", "{\"title\":\"buy milk\"}").json().path("id").asString();
        assertThat(kim.post("/api/v1/tasks", "{\"title\":\"buy bread\"}").status()).isEqualTo(201);

        Api.Response full = kim.post("/api/v1/tasks", "{\"title\":\"buy eggs\"}");
        assertThat(full.status()).as(full.toString()).isEqualTo(409);
        assertThat(full.json().path("limit").asString()).isEqualTo("tasks");

        assertThat(kim.delete("/api/v1/tasks/" + first).status()).isEqualTo(204);
        assertThat(kim.post("/api/v1/tasks", "{\"title\":\"buy eggs\"}").status()).isEqualTo(201);
    }

    @Test
    void twoConcurrentCreatesForTheLastPlaceDoNotBothPass() throws Exception {
        Api kim = Api.as(this.port, user("kim"));
        assertThat(kim.post("/api/v1/reminders", reminder("first")).status()).isEqualTo(201);
        assertThat(kim.post("/api/v1/reminders", reminder("second")).status()).isEqualTo(201);
        int racers = 6;
        CyclicBarrier start = new CyclicBarrier(racers);
        List<Callable<Integer>> creates = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            String message = "racer " + i;
            creates.add(() -> {
                start.await();
                return kim.post("/api/v1/reminders", reminder(message)).status();
            });
        }

        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(racers)) {
            for (Future<Integer> status : pool.invokeAll(creates)) {
                statuses.add(status.get());
            }
        }

        assertThat(statuses).containsOnly(201, 409).filteredOn(status -> status == 201).hasSize(1);
        assertThat(kim.get("/api/v1/reminders").json().path("items").size()).isEqualTo(3);
    }

    @Test
    void refusesAUsersThirdWebSocketBeforeTheUpgradeWhileAnotherUserConnects() {
        String ann = TestIdentity.token(user("ann"));
        WebSockets.Client first = WebSockets.connect(this.port, ann);
        WebSockets.Client second = WebSockets.connect(this.port, ann);
        // The client sees the upgrade before the service counts the connection (afterConnectionEstablished): until it
        // has counted both, a third handshake finds room, and the service then closes the surplus one (1008).
        await("both of ann's connections counted").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> this.meters.get("websocket.connections.active").gauge().value() >= 2);
        try {
            Optional<HttpResponse<?>> third = WebSockets.refusal(this.port, ann);

            assertThat(third).as("the third handshake refused").isPresent();
            assertThat(third.get().statusCode()).isEqualTo(429);
            assertThat(third.get().headers().firstValue("Retry-After")).hasValue("10");
            assertThat(third.get().headers().firstValue("Content-Type")).get(
                    org.assertj.core.api.InstanceOfAssertFactories.STRING).startsWith("application/problem+json");
            assertThat(WebSockets.refusal(this.port, TestIdentity.token(user("bo")))).as("another user's").isEmpty();
        }
        finally {
            first.close();
            second.close();
        }
    }

    private static String user(String name) {
        return name + "-" + UUID.randomUUID();
    }

    private static String reminder(String message) {
        return "{\"message\":\"" + message + "\",\"dueAt\":\""
                + LocalDateTime.now(ZoneOffset.UTC).plusDays(1).withNano(0) + "\",\"zone\":\"UTC\"}";
    }
}
