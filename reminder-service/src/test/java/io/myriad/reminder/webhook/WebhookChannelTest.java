package io.myriad.reminder.webhook;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.myriad.reminder.delivery.Delivery;
import io.myriad.reminder.reminders.Channel;
import io.myriad.reminder.reminders.ChannelType;
import io.myriad.reminder.reminders.Reminder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** What a webhook request carries and which answers fail it, against a receiver in this JVM. */
class WebhookChannelTest {

    private static final String SECRET = "unit-test-secret";

    private static final Instant NOW = Instant.parse("2026-11-25T09:00:02Z");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<WebhookChannel> channels = new ArrayList<>();

    private WebhookReceiver receiver;

    @BeforeEach
    void startReceiver() throws IOException {
        this.receiver = WebhookReceiver.start();
    }

    @AfterEach
    void stop() {
        this.channels.forEach(WebhookChannel::close);
        this.receiver.close();
    }

    @Test
    void postsTheReminderSignedWithTheDeliveryId() throws IOException {
        // given a receiver that accepts
        WebhookReceiver.Endpoint hook = this.receiver.endpoint("/hook", 204);

        // when a delivery is sent to it
        Delivery.Status status = channel(SECRET, Duration.ofSeconds(2)).deliver(delivery(), reminder(),
                new Channel(ChannelType.WEBHOOK, hook.url(), null));

        // then it is acknowledged, and the receiver got one signed JSON POST naming the delivery
        assertThat(status).isEqualTo(Delivery.Status.DELIVERED);
        assertThat(hook.requests()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.header("Content-Type")).startsWith("application/json");
            assertThat(request.header("X-Myriad-Delivery")).isEqualTo("r1-1-webhook");
            assertThat(request.header("X-Myriad-Timestamp")).isEqualTo(String.valueOf(NOW.getEpochSecond()));
            assertThat(WebhookSignature.verify(SECRET, request.header("X-Myriad-Timestamp"), request.body(),
                    request.header("X-Myriad-Signature"))).isTrue();
            JsonNode body = JSON.readTree(request.body());
            assertThat(body.path("deliveryId").asString()).isEqualTo("r1-1-webhook");
            assertThat(body.path("reminderId").asString()).isEqualTo("r1");
            assertThat(body.path("occurrence").asInt()).isEqualTo(1);
            assertThat(body.path("message").asString()).isEqualTo("Water the plants ☘");
            assertThat(body.path("dueAt").asString()).isEqualTo("2026-11-25T09:00:00Z");
            assertThat(body.path("sentAt").asString()).isEqualTo("2026-11-25T09:00:02Z");
            assertThat(body.path("late").asBoolean()).isFalse();
            assertThat(body.path("userId").asString()).isEqualTo("user-1");
        });
    }

    @Test
    void failsWithTheStatusOfAnyOtherAnswer() {
        WebhookReceiver.Endpoint hook = this.receiver.endpoint("/hook", 500);

        assertThatExceptionOfType(IOException.class)
                .isThrownBy(() -> channel(SECRET, Duration.ofSeconds(2)).deliver(delivery(), reminder(),
                        new Channel(ChannelType.WEBHOOK, hook.url(), null)))
                .withMessage("Webhook answered HTTP 500");
    }

    @Test
    void doesNotFollowARedirect() {
        // given a receiver that redirects to /moved
        WebhookReceiver.Endpoint hook = this.receiver.endpoint("/hook", 307);
        WebhookReceiver.Endpoint moved = this.receiver.endpoint("/moved", 200);

        // when a delivery is sent, then the redirect is a failed attempt and nothing goes to /moved
        assertThatExceptionOfType(IOException.class)
                .isThrownBy(() -> channel(SECRET, Duration.ofSeconds(2)).deliver(delivery(), reminder(),
                        new Channel(ChannelType.WEBHOOK, hook.url(), null)))
                .withMessage("Webhook answered HTTP 307");
        assertThat(moved.requests()).isEmpty();
    }

    @Test
    void givesUpOnASlowReceiverAfterTheTimeout() {
        WebhookReceiver.Endpoint hook = this.receiver.endpoint("/slow", Duration.ofSeconds(3), 200);
        WebhookChannel channel = channel(SECRET, Duration.ofMillis(300));
        long start = System.nanoTime();

        assertThatExceptionOfType(IOException.class)
                .isThrownBy(() -> channel.deliver(delivery(), reminder(),
                        new Channel(ChannelType.WEBHOOK, hook.url(), null)))
                .withMessage("Webhook timed out after 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void saysWhyAReceiverWasNotReachedWithoutItsUrl() throws IOException {
        // given a URL with credentials on a port nobody listens on
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://user:password@127.0.0.1:" + closedPort + "/hook";

        assertThatExceptionOfType(IOException.class)
                .isThrownBy(() -> channel(SECRET, Duration.ofSeconds(2)).deliver(delivery(), reminder(),
                        new Channel(ChannelType.WEBHOOK, url, null)))
                .withMessageStartingWith("Webhook not reached: ")
                .withMessageNotContaining("password");
    }

    @Test
    void isUnavailableWithoutASecret() {
        assertThat(channel(null, Duration.ofSeconds(1)).available()).isFalse();
        assertThat(channel("", Duration.ofSeconds(1)).available()).isFalse();
        assertThat(channel("  ", Duration.ofSeconds(1)).available()).isFalse();
        assertThat(channel(SECRET, Duration.ofSeconds(1)).available()).isTrue();
        assertThat(new WebhookProperties(SECRET, Duration.ofSeconds(1), false).toString()).doesNotContain(SECRET);
    }

    @Test
    void refusesALoopbackReceiverUnlessPrivateAddressesAreAllowed() {
        WebhookReceiver.Endpoint hook = this.receiver.endpoint("/hook", 204);
        Channel loopback = new Channel(ChannelType.WEBHOOK, hook.url(), null);
        WebhookChannel strict = channel(SECRET, Duration.ofSeconds(2), false);

        assertThat(strict.refusal(loopback)).hasValueSatisfying(why -> assertThat(why).contains("127.0.0.1"));
        assertThatExceptionOfType(IOException.class)
                .isThrownBy(() -> strict.deliver(delivery(), reminder(), loopback))
                .withMessageStartingWith("Webhook refused: ");
        assertThat(hook.requests()).as("nothing sent").isEmpty();
        assertThat(channel(SECRET, Duration.ofSeconds(2)).refusal(loopback)).isEmpty();
    }

    @Test
    void tagsItsClientMetricsWithWebhookWhateverHostTheUserNamed() throws IOException {
        // given a channel observed into a meter registry, and one receiver reached under two host names
        MeterRegistry meters = new SimpleMeterRegistry();
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        WebhookChannel observed = new WebhookChannel(
                new StaticListableBeanFactory().getBeanProvider(RestClient.Builder.class),
                new StaticListableBeanFactory(Map.of("observations", observations))
                        .getBeanProvider(ObservationRegistry.class),
                JSON, Clock.fixed(NOW, ZoneOffset.UTC), new WebhookProperties(SECRET, Duration.ofSeconds(2), true));
        this.channels.add(observed);
        WebhookReceiver.Endpoint hook = this.receiver.endpoint("/hook", 204);

        // when it delivers to both
        observed.deliver(delivery(), reminder(), new Channel(ChannelType.WEBHOOK, hook.url(), null));
        observed.deliver(delivery(), reminder(),
                new Channel(ChannelType.WEBHOOK, hook.url().replace("127.0.0.1", "localhost"), null));

        // then both calls are one series, named for the channel, with neither host nor path in any tag
        assertThat(meters.find("http.client.requests").timers()).singleElement().satisfies(timer -> {
            assertThat(timer.getId().getTag("client.name")).isEqualTo("webhook");
            assertThat(timer.getId().getTag("uri")).isEqualTo("none");
            assertThat(timer.count()).isEqualTo(2);
        });
    }

    private WebhookChannel channel(String secret, Duration timeout) {
        return channel(secret, timeout, true); // the receiver is on loopback
    }

    private WebhookChannel channel(String secret, Duration timeout, boolean allowPrivateAddresses) {
        WebhookChannel channel = new WebhookChannel(
                new StaticListableBeanFactory().getBeanProvider(RestClient.Builder.class),
                new StaticListableBeanFactory(Map.of("observations", ObservationRegistry.NOOP))
                        .getBeanProvider(ObservationRegistry.class),
                JSON, Clock.fixed(NOW, ZoneOffset.UTC), new WebhookProperties(secret, timeout, allowPrivateAddresses));
        this.channels.add(channel);
        return channel;
    }

    private static Delivery delivery() {
        return new Delivery("r1-1-webhook", "r1", "user-1", ChannelType.WEBHOOK, 1,
                Instant.parse("2026-11-25T09:00:00Z"), Delivery.Status.PENDING, 0, null, false, null, NOW);
    }

    private static Reminder reminder() {
        return new Reminder("r1", "user-1", "Water the plants ☘", Instant.parse("2026-11-25T09:00:00Z"), "UTC",
                List.of(new Channel(ChannelType.WEBHOOK, "http://unused.example/", null)), null,
                Reminder.State.SCHEDULED, 0, "api", Map.of(), NOW, NOW, null);
    }
}
