package io.myriad.observability.tracing;

import java.time.Duration;
import java.util.List;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.myriad.observability.support.HttpReceiver;
import io.myriad.observability.support.TracedService;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * OTLP export at the wire: no collector can run here, so the test is the collector and decodes what arrives.
 */
class OtlpExportIT {

    private static final String SERVICE = "otlp-export-it";

    private static HttpReceiver collector;

    private static ConfigurableApplicationContext service;

    @BeforeAll
    static void startCollectorAndService() throws Exception {
        collector = HttpReceiver.answering(200);
        service = TracedService.start(SERVICE,
                "management.opentelemetry.tracing.export.otlp.endpoint=" + collector.url("/v1/traces"));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (collector != null) {
            collector.close();
        }
    }

    @Test
    void exportsSpansAsOtlpProtobufToTheConfiguredEndpoint() {
        // when the service does some observed work
        Observation.createNotStarted("reminder.schedule", service.getBean(ObservationRegistry.class))
                .contextualName("schedule reminder")
                .observe(() -> {
                });

        // then the collector receives it as an OTLP/HTTP protobuf export, named, from the service
        HttpReceiver.Request export = await("an OTLP export with the span").atMost(Duration.ofSeconds(10))
                .until(() -> exportWithSpan("schedule reminder"), (found) -> found != null);
        assertThat(export.method()).isEqualTo("POST");
        assertThat(export.path()).isEqualTo("/v1/traces");
        assertThat(export.header("Content-Type")).isEqualTo("application/x-protobuf");
        ResourceSpans resourceSpans = resourceSpansWith(decode(export), "schedule reminder");
        assertThat(resourceSpans.getResource().getAttributesList()).as("resource attributes")
                .filteredOn((attribute) -> attribute.getKey().equals("service.name"))
                .singleElement()
                .extracting((attribute) -> attribute.getValue().getStringValue())
                .isEqualTo(SERVICE);
        Span span = spans(resourceSpans).stream()
                .filter((candidate) -> candidate.getName().equals("schedule reminder"))
                .findFirst()
                .orElseThrow();
        assertThat(span.getTraceId().size()).as("trace id bytes").isEqualTo(16);
        assertThat(span.getEndTimeUnixNano()).isGreaterThanOrEqualTo(span.getStartTimeUnixNano());
    }

    private static HttpReceiver.Request exportWithSpan(String name) {
        return collector.requests().stream()
                .filter((request) -> resourceSpansWith(decode(request), name) != null)
                .findFirst()
                .orElse(null);
    }

    private static ResourceSpans resourceSpansWith(ExportTraceServiceRequest export, String name) {
        return export.getResourceSpansList().stream()
                .filter((resourceSpans) -> spans(resourceSpans).stream().anyMatch((span) -> span.getName().equals(name)))
                .findFirst()
                .orElse(null);
    }

    private static List<Span> spans(ResourceSpans resourceSpans) {
        return resourceSpans.getScopeSpansList().stream().flatMap((scope) -> scope.getSpansList().stream()).toList();
    }

    private static ExportTraceServiceRequest decode(HttpReceiver.Request request) {
        try {
            return ExportTraceServiceRequest.parseFrom(request.content());
        }
        catch (Exception ex) {
            throw new AssertionError("Not an OTLP trace export: " + request.path(), ex);
        }
    }
}
