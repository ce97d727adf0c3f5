package io.myriad.observability.kafka;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.tracing.Tracer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One trace across two services, over a real broker and over HTTP: service A takes an HTTP request and sends to
 * Kafka through Boot's template, service B consumes it in a {@code @KafkaListener}; A also calls B with a
 * {@code RestClient} from Boot's builder. Both only depend on the starter.
 */
class TracePropagationIT {

    private static final String TOPIC = "reminders.due";

    private static final JsonMapper json = JsonMapper.builder().build();

    private static final HttpClient http = HttpClient.newHttpClient();

    private static EmbeddedKafkaKraftBroker broker;

    private static ConfigurableApplicationContext front;

    private static ConfigurableApplicationContext back;

    @BeforeAll
    static void startBrokerAndServices() {
        broker = new EmbeddedKafkaKraftBroker(1, 1, TOPIC);
        broker.afterPropertiesSet();
        back = new SpringApplicationBuilder(BackService.class)
                .properties(common("trace-propagation-back"))
                .properties("spring.kafka.consumer.group-id=back", "spring.kafka.consumer.auto-offset-reset=earliest")
                .run();
        front = new SpringApplicationBuilder(FrontService.class)
                .properties(common("trace-propagation-front"))
                .properties("spring.kafka.producer.properties.linger.ms=0")
                .run();
    }

    private static Map<String, Object> common(String name) {
        return Map.of("spring.application.name", name, "server.port", 0, "management.server.port", 0,
                "spring.kafka.bootstrap-servers", broker.getBrokersAsString(),
                "management.opentelemetry.tracing.export.schedule-delay", "100ms");
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext service : new ConfigurableApplicationContext[] { front, back }) {
            if (service != null) {
                service.close();
            }
        }
        if (broker != null) {
            broker.destroy();
        }
    }

    @Test
    void continuesTheTraceOfAnHttpRequestInTheListenerOfAnotherService() throws Exception {
        // when service A handles a request by sending to Kafka
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + front.getEnvironment().getProperty("local.server.port") + "/reminders"))
                .POST(HttpRequest.BodyPublishers.ofString("water the plants"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        String traceId = response.body();

        // then service B's consumer span is the child of A's producer span, in A's trace
        SpanData consumer = await("B's consumer span in trace " + traceId).atMost(Duration.ofSeconds(20))
                .until(() -> span(back, traceId, SpanKind.CONSUMER), Objects::nonNull);
        SpanData producer = await("A's producer span").atMost(Duration.ofSeconds(5))
                .until(() -> span(front, traceId, SpanKind.PRODUCER), Objects::nonNull);
        SpanData server = await("A's HTTP server span").atMost(Duration.ofSeconds(5))
                .until(() -> span(front, traceId, SpanKind.SERVER), Objects::nonNull);
        assertThat(consumer.getTraceId()).isEqualTo(traceId);
        assertThat(consumer.getParentSpanId()).as("consumer's parent").isEqualTo(producer.getSpanId());
        // and A's producer span descends from the span of the HTTP request that caused it
        assertThat(ancestors(producer, spansById(front))).as("producer's ancestors")
                .extracting(SpanData::getSpanId)
                .contains(server.getSpanId());
        assertThat(back.getBean(ReminderListener.class).received).as("what B consumed")
                .contains("water the plants");
    }

    @Test
    void continuesTheTraceOfAnHttpRequestInAnotherServiceCalledWithRestClient() throws Exception {
        // when service A handles a request by calling service B over HTTP
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + front.getEnvironment().getProperty("local.server.port") + "/lookups"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        String[] traceIds = response.body().split(" ");
        String traceId = traceIds[0];

        // then B served it in A's trace, as the child of A's client span
        assertThat(traceIds[1]).as("trace id B saw").isEqualTo(traceId);
        SpanData server = await("B's server span in trace " + traceId).atMost(Duration.ofSeconds(10))
                .until(() -> span(back, traceId, SpanKind.SERVER), Objects::nonNull);
        SpanData client = await("A's client span").atMost(Duration.ofSeconds(5))
                .until(() -> span(front, traceId, SpanKind.CLIENT), Objects::nonNull);
        assertThat(server.getParentSpanId()).as("B's server span's parent").isEqualTo(client.getSpanId());
    }

    @Test
    void reportsReadyWithKafkaUpWhenTheBrokerAnswers() throws Exception {
        HttpResponse<String> readiness = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + back.getEnvironment().getProperty("local.management.port") + "/actuator/health/readiness"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(readiness.statusCode()).isEqualTo(200);
        JsonNode health = json.readTree(readiness.body());
        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.path("components").path("kafka").path("status").asString()).isEqualTo("UP");
    }

    private static SpanData span(ConfigurableApplicationContext service, String traceId, SpanKind kind) {
        return service.getBean(InMemorySpanExporter.class).getFinishedSpanItems().stream()
                .filter((span) -> span.getTraceId().equals(traceId) && span.getKind() == kind)
                .findFirst()
                .orElse(null);
    }

    private static Map<String, SpanData> spansById(ConfigurableApplicationContext service) {
        return service.getBean(InMemorySpanExporter.class).getFinishedSpanItems().stream()
                .collect(Collectors.toMap(SpanData::getSpanId, Function.identity(), (first, second) -> first));
    }

    private static List<SpanData> ancestors(SpanData span, Map<String, SpanData> spansById) {
        List<SpanData> ancestors = new ArrayList<>();
        SpanData parent = spansById.get(span.getParentSpanId());
        while (parent != null) {
            ancestors.add(parent);
            parent = spansById.get(parent.getParentSpanId());
        }
        return ancestors;
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import({ ReminderController.class, LookupController.class })
    static class FrontService {

        @Bean
        InMemorySpanExporter spanExporter() {
            return InMemorySpanExporter.create();
        }
    }

    @RestController
    static class ReminderController {

        private final KafkaTemplate<String, String> kafka;

        private final Tracer tracer;

        ReminderController(KafkaTemplate<String, String> kafka, Tracer tracer) {
            this.kafka = kafka;
            this.tracer = tracer;
        }

        @PostMapping("/reminders")
        String schedule(@RequestBody String reminder) throws Exception {
            this.kafka.send(TOPIC, reminder).get(10, TimeUnit.SECONDS);
            return this.tracer.currentSpan().context().traceId();
        }
    }

    @RestController
    static class LookupController {

        private final RestClient client;

        private final Tracer tracer;

        LookupController(RestClient.Builder builder, Tracer tracer) {
            this.client = builder.build();
            this.tracer = tracer;
        }

        @GetMapping("/lookups")
        String lookup() {
            String seenByBack = this.client.get()
                    .uri("http://127.0.0.1:" + back.getEnvironment().getProperty("local.server.port") + "/trace-id")
                    .retrieve()
                    .body(String.class);
            return this.tracer.currentSpan().context().traceId() + " " + seenByBack;
        }
    }

    @RestController
    static class TraceController {

        private final Tracer tracer;

        TraceController(Tracer tracer) {
            this.tracer = tracer;
        }

        @GetMapping("/trace-id")
        String traceId() {
            return this.tracer.currentSpan().context().traceId();
        }
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import({ ReminderListener.class, TraceController.class })
    static class BackService {

        @Bean
        InMemorySpanExporter spanExporter() {
            return InMemorySpanExporter.create();
        }
    }

    static class ReminderListener {

        final List<String> received = new CopyOnWriteArrayList<>();

        @KafkaListener(topics = TOPIC)
        void onReminder(String reminder) {
            this.received.add(reminder);
        }
    }
}
