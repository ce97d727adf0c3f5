package io.myriad.reminder.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import io.micrometer.observation.ObservationRegistry;
import io.myriad.reminder.delivery.Delivery;
import io.myriad.reminder.delivery.DeliveryChannel;
import io.myriad.reminder.reminders.Channel;
import io.myriad.reminder.reminders.ChannelType;
import io.myriad.reminder.reminders.Reminder;
import jakarta.annotation.PreDestroy;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * POSTs a reminder to the URL its owner gave, signed (see {@link WebhookSignature}) so the receiver can tell it
 * came from this service. Only a 2xx answer acknowledges it; any other status, a timeout or a connection error is
 * a failed attempt, retried by the dispatcher with the same {@code X-Myriad-Delivery}. Redirects are not followed:
 * a signed request goes to the URL the user named and nowhere else.
 *
 * <p>The client comes from Boot's {@link RestClient.Builder}, so each request is observed (a span of the delivery's
 * trace, {@code http.client.requests} with {@code client.name="webhook"}, never the user's host: see
 * {@link WebhookObservationConvention}); without one (a unit test) a plain builder on the observation registry.
 * The request factory is always this channel's own: the timeout, HTTP/1.1 (which every receiver speaks) and no
 * redirects, whatever {@code spring.http.clients.*} says for other clients.
 */
@Component
class WebhookChannel implements DeliveryChannel {

    static final String DELIVERY_HEADER = "X-Myriad-Delivery";

    static final String TIMESTAMP_HEADER = "X-Myriad-Timestamp";

    static final String SIGNATURE_HEADER = "X-Myriad-Signature";

    private final HttpClient http;

    private final RestClient client;

    private final JsonMapper json;

    private final Clock clock;

    private final WebhookProperties properties;

    WebhookChannel(ObjectProvider<RestClient.Builder> builders, ObjectProvider<ObservationRegistry> observations,
            JsonMapper json, Clock clock, WebhookProperties properties) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(this.http);
        requests.setReadTimeout(properties.timeout());
        this.client = builders.getIfAvailable(() -> RestClient.builder()
                        .observationRegistry(observations.getIfAvailable(() -> ObservationRegistry.NOOP)))
                .requestFactory(requests)
                .observationConvention(new WebhookObservationConvention())
                .build();
        this.json = json;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    public ChannelType type() {
        return ChannelType.WEBHOOK;
    }

    /** Only with a secret to sign with. */
    @Override
    public boolean available() {
        return this.properties.signing();
    }

    @Override
    public Optional<String> refusal(Channel channel) {
        return WebhookAddresses.refusal(URI.create(channel.url()), this.properties.allowPrivateAddresses());
    }

    @Override
    public Delivery.Status deliver(Delivery delivery, Reminder reminder, Channel channel) throws IOException {
        if (!available()) {
            throw new IllegalStateException("No webhook secret is configured");
        }
        // Again at each attempt: what the name resolves to may have changed since the reminder was made.
        Optional<String> refused = refusal(channel);
        if (refused.isPresent()) {
            throw new IOException("Webhook refused: " + refused.get());
        }
        Instant now = this.clock.instant();
        byte[] body = this.json.writeValueAsBytes(new WebhookPayload(delivery.id(), reminder.id(),
                delivery.occurrence(), reminder.message(), delivery.dueAt(), now, delivery.late(),
                reminder.userId()));
        long timestamp = now.getEpochSecond();
        HttpStatusCode status;
        try {
            status = this.client.post()
                    .uri(URI.create(channel.url()))
                    .contentType(MediaType.APPLICATION_JSON)
                    .header(DELIVERY_HEADER, delivery.id())
                    .header(TIMESTAMP_HEADER, String.valueOf(timestamp))
                    .header(SIGNATURE_HEADER, WebhookSignature.sign(this.properties.secret(), timestamp, body))
                    .body(body)
                    .exchange((request, response) -> response.getStatusCode());
        }
        catch (ResourceAccessException ex) {
            // Its own message names the URL, which may carry credentials; the cause says what went wrong.
            if (ex.getCause() instanceof HttpTimeoutException) {
                throw new IOException("Webhook timed out after " + this.properties.timeout().toMillis() + " ms", ex);
            }
            throw new IOException("Webhook not reached: " + describe(ex.getCause()), ex);
        }
        if (!status.is2xxSuccessful()) {
            throw new IOException("Webhook answered HTTP " + status.value());
        }
        return Delivery.Status.DELIVERED;
    }

    @PreDestroy
    void close() {
        this.http.shutdownNow();
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "I/O error";
        }
        String name = cause.getClass().getSimpleName();
        return (cause.getMessage() != null) ? name + ": " + cause.getMessage() : name;
    }
}
