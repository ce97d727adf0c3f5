package io.myriad.reminder.webhook;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.myriad.reminder.Api;
import io.myriad.reminder.TestIdentity;
import io.myriad.testsupport.RealKafka;
import io.myriad.testsupport.RealRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

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
 * Webhooks end to end: a due reminder POSTed, signed, to a receiver in this JVM; retried with the same delivery id
 * until it answers 2xx; failed, and counted, when it never does.
 */
// Closed after the class: a context left in the cache keeps its scheduler claiming due reminders on the shared
// Redis, and would deliver another class's reminders with its own configuration and meters.
@DirtiesContext
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {"management.server.port=0",
        "myriad.reminders.webhook.secret=" + WebhookChannelIT.SECRET, "myriad.reminders.poll-interval=100ms",
        "myriad.reminders.initial-backoff=100ms", "myriad.reminders.max-backoff=400ms",
        "myriad.reminders.max-attempts=3", "myriad.reminders.webhook.allow-private-addresses=true"})
@RealKafka
@RealRedis
class WebhookChannelIT {

    // Ahead enough that the request is checked before it falls due even on a loaded machine (1.5 s was not:
    // "dueAt must not be in the past").
    private static final Duration DUE_IN = Duration.ofSeconds(5);

    static final String SECRET = "webhook-it-secret";

    private static WebhookReceiver receiver;

    private final int port;

    private final MeterRegistry meters;

    @Autowired
    WebhookChannelIT(@LocalServerPort int port, MeterRegistry meters) {
        this.port = port;
        this.meters = meters;
    }

    @DynamicPropertySource
    static void identity(DynamicPropertyRegistry registry) {
        TestIdentity.register(registry);
    }

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = WebhookReceiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void postsOnceSignedWithTheDeliveryId() {
        // given a receiver that accepts
        WebhookReceiver.Endpoint hook = receiver.endpoint("/accepts", 200);
        Api api = Api.as(this.port, "webhook-" + UUID.randomUUID());

        // when a reminder with a webhook falls due
        String id = create(api, "Stand up and stretch", hook.url());

        // then the receiver got one POST it can verify, and the delivery is done at the first attempt
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(state(api, id)).isEqualTo("DELIVERED"));
        JsonNode delivery = delivery(api, id);
        assertThat(delivery.path("id").asString()).isEqualTo(id + "-1-webhook");
        assertThat(delivery.path("status").asString()).isEqualTo("DELIVERED");
        assertThat(delivery.path("attempts").asInt()).isEqualTo(1);
        assertThat(hook.requests()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.header("X-Myriad-Delivery")).isEqualTo(id + "-1-webhook");
            assertThat(WebhookSignature.verify(SECRET, request.header("X-Myriad-Timestamp"), request.body(),
                    request.header("X-Myriad-Signature"))).isTrue();
            JsonNode body = Api.JSON.readTree(request.body());
            assertThat(body.path("deliveryId").asString()).isEqualTo(id + "-1-webhook");
            assertThat(body.path("reminderId").asString()).isEqualTo(id);
            assertThat(body.path("message").asString()).isEqualTo("Stand up and stretch");
            // observed: the POST is a span of the trace of the request that created the reminder
            assertThat(request.header("traceparent")).isNotNull();
            assertThat(request.header("traceparent").split("-")[1]).isEqualTo(traceId(api, id));
        });
        // timed under the channel's name, never the host the user typed
        assertThat(this.meters.find("http.client.requests").tag("client.name", "webhook").timer()).isNotNull();
        assertThat(this.meters.find("http.client.requests").tag("client.name", "127.0.0.1").timer()).isNull();
    }

    @Test
    void retriesWithTheSameDeliveryIdUntilTheReceiverAccepts() {
        // given a receiver that fails twice, then accepts
        WebhookReceiver.Endpoint hook = receiver.endpoint("/fails-twice", 500, 500, 200);
        Api api = Api.as(this.port, "webhook-" + UUID.randomUUID());
        double retried = count("reminder.delivery", "status", "retried");

        // when a reminder with a webhook falls due
        String id = create(api, "Take the bread out", hook.url());

        // then the third attempt is acknowledged, each attempt carrying the same delivery id
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(state(api, id)).isEqualTo("DELIVERED"));
        JsonNode delivery = delivery(api, id);
        assertThat(delivery.path("status").asString()).isEqualTo("DELIVERED");
        assertThat(delivery.path("attempts").asInt()).isEqualTo(3);
        assertThat(hook.requests()).extracting(WebhookReceiver.Request::status).containsExactly(500, 500, 200);
        assertThat(hook.requests()).allSatisfy(request -> {
            assertThat(request.header("X-Myriad-Delivery")).isEqualTo(id + "-1-webhook");
            assertThat(WebhookSignature.verify(SECRET, request.header("X-Myriad-Timestamp"), request.body(),
                    request.header("X-Myriad-Signature"))).isTrue();
        });
        // Counted as each attempt ends, which may be just after the state above is written.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(
                () -> assertThat(count("reminder.delivery", "status", "retried") - retried).isEqualTo(2));
    }

    @Test
    void failsTheDeliveryAfterTheLastAttempt() {
        // given a receiver that always fails
        WebhookReceiver.Endpoint hook = receiver.endpoint("/always-fails", 503);
        Api api = Api.as(this.port, "webhook-" + UUID.randomUUID());
        double failed = count("reminder.delivery.failed");

        // when a reminder with only a webhook falls due
        String id = create(api, "Renew the passport", hook.url());

        // then after max-attempts the delivery and, having no other channel, the reminder have failed
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(state(api, id)).isEqualTo("FAILED"));
        JsonNode delivery = delivery(api, id);
        assertThat(delivery.path("status").asString()).isEqualTo("FAILED");
        assertThat(delivery.path("attempts").asInt()).isEqualTo(3);
        assertThat(delivery.path("lastError").asString()).isEqualTo("Webhook answered HTTP 503");
        assertThat(hook.requests()).hasSize(3);
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(count("reminder.delivery.failed") - failed).isEqualTo(1));
    }

    /** Creates a reminder due in a moment with this webhook as its only channel; returns its id. */
    private static String create(Api api, String message, String url) {
        Api.Response response = api.post("/api/v1/reminders", """
                {"message":"%s","dueAt":"%s","zone":"UTC","channels":[{"type":"webhook","url":"%s"}]}"""
                .formatted(message, LocalDateTime.now(ZoneOffset.UTC).plus(DUE_IN), url));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().path("id").asString();
    }

    private static String state(Api api, String id) {
        return api.get("/api/v1/reminders/" + id).json().path("state").asString();
    }

    private static String traceId(Api api, String id) {
        return api.get("/api/v1/reminders/" + id).json().path("trace").path("traceparent").asString().split("-")[1];
    }

    private static JsonNode delivery(Api api, String id) {
        JsonNode deliveries = api.get("/api/v1/reminders/" + id + "/deliveries").json();
        assertThat(deliveries.size()).as(deliveries.toString()).isEqualTo(1);
        return deliveries.get(0);
    }

    private double count(String name, String... tags) {
        Counter counter = this.meters.find(name).tag("channel", "webhook").tags(tags).counter();
        return (counter != null) ? counter.count() : 0;
    }
}
