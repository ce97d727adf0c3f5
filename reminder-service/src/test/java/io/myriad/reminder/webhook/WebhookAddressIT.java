package io.myriad.reminder.webhook;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import io.myriad.reminder.Api;
import io.myriad.reminder.TestIdentity;
import io.myriad.testsupport.RealKafka;
import io.myriad.testsupport.RealRedis;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

/** As deployed by default: a user cannot point a webhook into the network the service runs in. */
// Closed after the class: a context left in the cache keeps its scheduler claiming due reminders on the shared
// Redis, and would deliver another class's reminders with its own configuration and meters.
@DirtiesContext
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {"management.server.port=0",
        "myriad.reminders.webhook.secret=webhook-address-it"})
@RealKafka
@RealRedis
class WebhookAddressIT {

    private final int port;

    @Autowired
    WebhookAddressIT(@LocalServerPort int port) {
        this.port = port;
    }

    @DynamicPropertySource
    static void identity(DynamicPropertyRegistry registry) {
        TestIdentity.register(registry);
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://127.0.0.1:9/hook", "http://localhost/hook", "http://169.254.169.254/latest/",
            "http://10.1.2.3/hook", "http://[::1]/hook" })
    void refusesAReminderWhoseWebhookPointsInside(String url) {
        Api api = Api.as(this.port, "ssrf-" + UUID.randomUUID());

        Api.Response response = api.post("/api/v1/reminders", """
                {"message":"Look inside","dueAt":"%s","zone":"UTC","channels":[{"type":"webhook","url":"%s"}]}"""
                .formatted(LocalDateTime.now(ZoneOffset.UTC).plusHours(1).withNano(0), url));

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("errors").values()).extracting(JsonNode::asString)
                .singleElement().satisfies(error -> assertThat(error)
                        .startsWith("channels[0].url: host ").contains("must resolve to public addresses only"));
        assertThat(api.get("/api/v1/reminders").json().path("total").asInt()).as("nothing stored").isZero();
    }
}
