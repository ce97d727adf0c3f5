package io.myriad.reminder;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import io.myriad.reminder.webhook.WebhookReceiver;
import io.myriad.testsupport.RealKafka;
import io.myriad.testsupport.RealRedis;
import io.myriad.testsupport.RedisServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis going away while a reminder is being delivered, and coming back a few seconds later with all it held (as a
 * Redis killed and restarted from its append-only file does): each channel still gets the reminder exactly once,
 * within seconds of Redis's return rather than at the in-flight timeout. The service reaches the real Redis through
 * a {@link RedisLink} that the test cuts: its Redis really fails, however the service calls it.
 */
@RealKafka
@RealRedis
class RedisOutageIT {

    /** How long Redis stays away: about as long as a restart from an append-only file takes. */
    private static final Duration OUTAGE = Duration.ofSeconds(3);

    private static final String SECRET = "outage-it-secret";

    @Test
    void savesTheRecordOfADeliveryTheWebhookAcknowledgedWhenRedisComesBackWithoutSendingItAgain(RedisServer redis)
            throws IOException, InterruptedException {
        try (RedisLink link = RedisLink.to(redis); WebhookReceiver receiver = WebhookReceiver.start();
                Instance instance = Instance.start(10, properties(link))) {
            // given a webhook receiver that takes the reminder as Redis goes away, and acknowledges it
            WebhookReceiver.Endpoint hook = receiver.endpoint("/takes-it-as-redis-dies", link::cut, 200);
            Api api = instance.as("outage-" + UUID.randomUUID());
            String id = create(api, "Feed the cat", hook.url());

            // when Redis stays away a while after the acknowledgement, and comes back
            await().atMost(Duration.ofSeconds(20)).until(link::isCut);
            Thread.sleep(OUTAGE);
            link.restore();

            // then the acknowledged delivery is recorded at its first attempt, never sent again, and the claim ends
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(state(api, id)).isEqualTo(
                    "DELIVERED"));
            JsonNode webhook = delivery(api, id, "webhook");
            assertThat(webhook.path("status").asString()).isEqualTo("DELIVERED");
            assertThat(webhook.path("attempts").asInt()).isEqualTo(1);
            assertThat(delivery(api, id, "in_app").path("status").asString()).isEqualTo("INBOXED");
            assertThat(hook.requests()).hasSize(1);
            assertThat(api.get("/api/v1/inbox").json()).singleElement()
                    .satisfies(message -> assertThat(message.path("reminderId").asString()).isEqualTo(id));
        }
    }

    @Test
    void firesAgainWhenRedisFailsWhileAReminderIsBeingFired(RedisServer redis)
            throws IOException, InterruptedException {
        // A one-second Redis timeout: while Redis is away, reads fail too rather than wait for it.
        try (RedisLink link = RedisLink.to(redis); WebhookReceiver receiver = WebhookReceiver.start();
                Instance instance = Instance.start(11, properties(link, "spring.data.redis.timeout=1s"))) {
            // given a webhook receiver that fails the first attempt as Redis goes away (so that the attempt cannot
            // be recorded and the firing fails), and accepts the next one
            AtomicBoolean first = new AtomicBoolean(true);
            WebhookReceiver.Endpoint hook = receiver.endpoint("/fails-as-redis-dies", () -> {
                if (first.getAndSet(false)) {
                    link.cut();
                }
            }, 500, 200);
            Api api = instance.as("outage-" + UUID.randomUUID());
            String id = create(api, "Call the plumber", hook.url());

            // when Redis stays away a while, and comes back
            await().atMost(Duration.ofSeconds(20)).until(link::isCut);
            Thread.sleep(OUTAGE);
            link.restore();

            // then the same instance fires the reminder again: the webhook gets its second attempt, the in-app
            // delivery already in the inbox is not made again, and the claim ends
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(state(api, id)).isEqualTo(
                    "DELIVERED"));
            assertThat(hook.requests()).extracting(WebhookReceiver.Request::status).containsExactly(500, 200);
            assertThat(hook.requests()).extracting(request -> request.header("X-Myriad-Delivery"))
                    .containsOnly(id + "-1-webhook");
            assertThat(delivery(api, id, "webhook").path("status").asString()).isEqualTo("DELIVERED");
            assertThat(delivery(api, id, "in_app").path("status").asString()).isEqualTo("INBOXED");
            assertThat(api.get("/api/v1/inbox").json()).singleElement()
                    .satisfies(message -> assertThat(message.path("reminderId").asString()).isEqualTo(id));
        }
    }

    private static String[] properties(RedisLink link, String... more) {
        String[] all = {"spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + link.port(),
                "myriad.reminders.webhook.secret=" + SECRET, "myriad.reminders.webhook.allow-private-addresses=true"};
        return Stream.concat(Stream.of(all), Stream.of(more)).toArray(String[]::new);
    }

    /**
     * A reminder due in five to six seconds (time enough for a busy machine to accept it before it is due), to the
     * user's inbox (no connection is open) and to {@code url}.
     */
    static String create(Api api, String message, String url) {
        Api.Response response = api.post("/api/v1/reminders", """
                {"message":"%s","dueAt":"%s","zone":"UTC",
                 "channels":[{"type":"in_app"},{"type":"webhook","url":"%s"}]}"""
                .formatted(message, LocalDateTime.now(ZoneOffset.UTC).plusSeconds(6).withNano(0), url));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().path("id").asString();
    }

    static String state(Api api, String id) {
        return api.get("/api/v1/reminders/" + id).json().path("state").asString();
    }

    static JsonNode delivery(Api api, String id, String channel) {
        for (JsonNode delivery : api.get("/api/v1/reminders/" + id + "/deliveries").json()) {
            if (delivery.path("channel").asString().equals(channel)) {
                return delivery;
            }
        }
        throw new AssertionError("no " + channel + " delivery of " + id);
    }
}
