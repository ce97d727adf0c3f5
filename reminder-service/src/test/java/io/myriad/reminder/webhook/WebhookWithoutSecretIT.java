package io.myriad.reminder.webhook;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import io.myriad.reminder.Api;
import io.myriad.reminder.TestIdentity;
import io.myriad.testsupport.RealKafka;
import io.myriad.testsupport.RealRedis;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

/** A service given no webhook secret (blank, whatever the environment says) offers no webhooks. */
// Closed after the class: a context left in the cache keeps its scheduler claiming due reminders on the shared
// Redis, and would deliver another class's reminders with its own configuration and meters.
@DirtiesContext
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {"management.server.port=0",
        "myriad.reminders.webhook.secret="})
@RealKafka
@RealRedis
class WebhookWithoutSecretIT {

    private final int port;

    @Autowired
    WebhookWithoutSecretIT(@LocalServerPort int port) {
        this.port = port;
    }

    @DynamicPropertySource
    static void identity(DynamicPropertyRegistry registry) {
        TestIdentity.register(registry);
    }

    @Test
    void refusesAReminderWithAWebhook() {
        Api.Response response = Api.as(this.port, "webhook-" + UUID.randomUUID()).post("/api/v1/reminders", """
                {"message":"Unsigned","dueAt":"%s","zone":"UTC",
                 "channels":[{"type":"in_app"},{"type":"webhook","url":"http://127.0.0.1:9/hook"}]}"""
                .formatted(LocalDateTime.now(ZoneOffset.UTC).plusHours(1)));

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("errors").values()).extracting(JsonNode::asString)
                .containsExactly("channels[1] webhook is not configured on this service");
    }
}
