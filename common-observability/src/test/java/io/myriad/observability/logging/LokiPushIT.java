package io.myriad.observability.logging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.myriad.observability.support.HttpReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Loki shipping at the wire: the test plays Loki's push API and reads the JSON pushes it receives.
 */
class LokiPushIT {

    private static final String SERVICE = "loki-push-it";

    private static final JsonMapper json = JsonMapper.builder().build();

    private static final Logger logger = LoggerFactory.getLogger("io.myriad.reminders.ReminderDelivery");

    private static HttpReceiver loki;

    private static ConfigurableApplicationContext service;

    @BeforeAll
    static void startLokiAndService() throws Exception {
        loki = HttpReceiver.answering(204);
        service = new SpringApplicationBuilder(LoggingService.class).web(WebApplicationType.NONE)
                .properties("spring.application.name=" + SERVICE, "myriad.observability.env=it",
                        "myriad.observability.logging.loki.enabled=true",
                        "myriad.observability.logging.loki.url=" + loki.url("/loki/api/v1/push"),
                        "myriad.observability.logging.loki.batch-timeout=100ms")
                .run();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (loki != null) {
            loki.close();
        }
    }

    @Test
    void pushesEachLogLineLabelledOnlyWithApplicationEnvAndLevel() {
        // given a message logged while the service traces some work
        String reminder = UUID.randomUUID().toString();
        AtomicReference<String> traceId = new AtomicReference<>();
        Observation.createNotStarted("reminder.deliver", service.getBean(ObservationRegistry.class)).observe(() -> {
            traceId.set(service.getBean(Tracer.class).currentSpan().context().traceId());
            logger.warn("Reminder {} delivered late", reminder);
        });

        // when Loki receives the push
        Entry entry = await("a Loki push with the message").atMost(Duration.ofSeconds(10))
                .until(() -> pushedEntry("Reminder " + reminder + " delivered late"), (found) -> found != null);

        // then the stream is labelled with exactly the three fleet labels
        assertThat(entry.request().path()).isEqualTo("/loki/api/v1/push");
        assertThat(entry.request().header("Content-Type")).startsWith("application/json");
        assertThat(entry.labels()).containsExactlyInAnyOrderEntriesOf(
                Map.of("application", SERVICE, "env", "it", "level", "WARN"));
        // and the line is the service's structured JSON, carrying the message and the trace it was logged in
        JsonNode line = json.readTree(entry.line());
        assertThat(line.path("message").asString()).isEqualTo("Reminder " + reminder + " delivered late");
        assertThat(line.path("trace.id").asString()).isEqualTo(traceId.get());
        assertThat(line.path("service").path("name").asString()).isEqualTo(SERVICE);
        assertThat(entry.value()).as("timestamp and line, no structured metadata").hasSize(2);
    }

    private static Entry pushedEntry(String message) {
        for (HttpReceiver.Request request : loki.requests()) {
            for (JsonNode stream : json.readTree(request.content()).path("streams")) {
                for (JsonNode value : stream.path("values")) {
                    if (value.path(1).asString().contains(message)) {
                        return new Entry(request, labels(stream.path("stream")), value);
                    }
                }
            }
        }
        return null;
    }

    private static Map<String, String> labels(JsonNode stream) {
        List<Map.Entry<String, String>> labels = new ArrayList<>();
        stream.properties().forEach((label) -> labels.add(Map.entry(label.getKey(), label.getValue().asString())));
        return Map.ofEntries(labels.toArray(Map.Entry[]::new));
    }

    record Entry(HttpReceiver.Request request, Map<String, String> labels, JsonNode value) {

        String line() {
            return this.value.path(1).asString();
        }
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class LoggingService {
    }
}
