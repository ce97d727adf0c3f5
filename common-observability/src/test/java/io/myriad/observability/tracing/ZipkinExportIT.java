package io.myriad.observability.tracing;

import java.time.Duration;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.myriad.observability.support.HttpReceiver;
import io.myriad.observability.support.TracedService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import zipkin2.Span;
import zipkin2.codec.SpanBytesDecoder;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Zipkin export at the wire, through OpenTelemetry's Zipkin exporter: the test plays Zipkin's span intake.
 */
class ZipkinExportIT {

    private static final String SERVICE = "zipkin-export-it";

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

        // then Zipkin receives it as protocol buffers (proto3, which Zipkin's intake reads), named, from the service
        Span span = await("the span at Zipkin").atMost(Duration.ofSeconds(10)).until(() -> receivedSpan("deliver reminder"),
                (found) -> found != null);
        assertThat(span.localServiceName()).isEqualTo(SERVICE);
        assertThat(span.traceId()).matches("[0-9a-f]{32}");
        assertThat(zipkin.requests()).allSatisfy((request) -> {
            assertThat(request.path()).isEqualTo("/api/v2/spans");
            assertThat(request.header("Content-Type")).isEqualTo("application/x-protobuf");
            assertThat(request.header("Content-Encoding")).as("uncompressed, for a loopback Zipkin").isNull();
        });
    }

    private static Span receivedSpan(String name) {
        return zipkin.requests().stream()
                .flatMap((request) -> SpanBytesDecoder.PROTO3.decodeList(request.content()).stream())
                .filter((span) -> name.equals(span.name()))
                .findFirst()
                .orElse(null);
    }
}
