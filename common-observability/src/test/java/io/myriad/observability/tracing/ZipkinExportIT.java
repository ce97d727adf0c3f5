package io.myriad.observability.tracing;

import java.time.Duration;
import java.util.stream.StreamSupport;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.myriad.observability.support.HttpReceiver;
import io.myriad.observability.support.TracedService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Zipkin export at the wire, through OpenTelemetry's Zipkin exporter: the test plays Zipkin's span intake.
 */
class ZipkinExportIT {

    private static final String SERVICE = "zipkin-export-it";

    private static final JsonMapper json = JsonMapper.builder().build();

    private static HttpReceiver zipkin;

    private static ConfigurableApplicationContext service;

    @BeforeAll
    static void startZipkinAndService() throws Exception {
        zipkin = HttpReceiver.answering(202);
        service = TracedService.start(SERVICE,
                "myriad.observability.tracing.zipkin.endpoint=" + zipkin.url("/api/v2/spans"));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (zipkin != null) {
            zipkin.close();
        }
    }

    @Test
    void exportsSpansToZipkinWhenEndpointIsSet() {
        // when the service does some observed work
        Observation.createNotStarted("reminder.deliver", service.getBean(ObservationRegistry.class))
                .contextualName("deliver reminder")
                .observe(() -> {
                });

        // then Zipkin receives it as JSON v2, named, from the service
        JsonNode span = await("the span at Zipkin").atMost(Duration.ofSeconds(10)).until(() -> receivedSpan("deliver reminder"),
                (found) -> found != null);
        assertThat(span.path("localEndpoint").path("serviceName").asString()).isEqualTo(SERVICE);
        assertThat(span.path("traceId").asString()).matches("[0-9a-f]{32}");
        assertThat(zipkin.requests()).allSatisfy((request) -> {
            assertThat(request.path()).isEqualTo("/api/v2/spans");
            assertThat(request.header("Content-Type")).isEqualTo("application/json");
            assertThat(request.header("Content-Encoding")).as("uncompressed, for a loopback Zipkin").isNull();
        });
    }

    private static JsonNode receivedSpan(String name) {
        return zipkin.requests().stream()
                .flatMap((request) -> StreamSupport.stream(json.readTree(request.content()).spliterator(), false))
                .filter((span) -> span.path("name").asString().equals(name))
                .findFirst()
                .orElse(null);
    }
}
