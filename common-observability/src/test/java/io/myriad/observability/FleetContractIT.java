package io.myriad.observability;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an operator sees of any service that depends on the starter, and nothing else: its scrape, its probes,
 * its log lines. Kafka is configured but unreachable, as when the broker is down.
 */
@ExtendWith(OutputCaptureExtension.class)
class FleetContractIT {

    private static final String SERVICE = "fleet-contract-it";

    private static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private static final JsonMapper json = JsonMapper.builder().build();

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static ConfigurableApplicationContext service;

    private static int serverPort;

    private static String management;

    @BeforeAll
    static void startService() throws IOException {
        serverPort = freePort();
        service = new SpringApplicationBuilder(GreetingService.class)
                .properties("spring.application.name=" + SERVICE, "myriad.observability.env=it",
                        "server.port=" + serverPort, "management.server.port=0",
                        "spring.kafka.bootstrap-servers=127.0.0.1:" + freePort(),
                        "myriad.observability.kafka.health-timeout=500ms")
                .run();
        management = "http://127.0.0.1:" + service.getEnvironment().getProperty("local.management.port");
    }

    @AfterAll
    static void stopService() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void exposesOnlyHealthInfoAndPrometheusOnTheManagementPort() throws Exception {
        assertThat(get(management + "/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(get(management + "/actuator/info").statusCode()).isEqualTo(200);
        assertThat(get(management + "/actuator/prometheus").statusCode()).isEqualTo(200);
        for (String hidden : List.of("env", "beans", "configprops", "loggers", "metrics", "heapdump", "threaddump")) {
            assertThat(get(management + "/actuator/" + hidden).statusCode()).as(hidden).isEqualTo(404);
        }
        assertThat(get(service("/actuator/prometheus")).statusCode()).as("scrape on the public port").isEqualTo(404);
    }

    @Test
    void tagsEverySeriesWithApplicationEnvAndInstance() throws Exception {
        // given a request the service has handled
        assertThat(get(service("/ping")).body()).isEqualTo("pong");

        // when Prometheus scrapes
        List<String> samples = await("a scrape with the /ping series").atMost(Duration.ofSeconds(5))
                .until(() -> samples(scrape("text/plain")),
                        (lines) -> lines.stream().anyMatch((line) -> line.contains("uri=\"/ping\"")));

        // then every series carries the fleet's three tags
        String instance = InetAddress.getLocalHost().getHostName() + ":" + serverPort;
        assertThat(samples).hasSizeGreaterThan(50).allSatisfy((sample) -> assertThat(sample)
                .contains("application=\"" + SERVICE + "\"", "env=\"it\"", "instance=\"" + instance + "\""));
    }

    @Test
    void recordsHttpLatencyInTheFleetsServiceLevelBuckets() throws Exception {
        // given a request the service has handled
        assertThat(get(service("/ping")).statusCode()).isEqualTo(200);

        // when Prometheus scrapes
        List<String> buckets = await("the /ping latency buckets").atMost(Duration.ofSeconds(5))
                .until(() -> samples(scrape("text/plain")).stream()
                        .filter((line) -> line.startsWith("http_server_requests_seconds_bucket{"))
                        .filter((line) -> line.contains("uri=\"/ping\""))
                        .toList(), (lines) -> !lines.isEmpty());

        // then its latency is counted in exactly the SLO buckets, not Micrometer's percentile histogram
        assertThat(buckets.stream().map(FleetContractIT::le).toList()).containsExactly("0.005", "0.01", "0.025",
                "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0", "+Inf");
    }

    @Test
    void correlatesTheResponseTheLogLineAndTheExemplarByTraceId(CapturedOutput output) throws Exception {
        // when a request is handled by a controller that logs
        String traceId = get(service("/greetings?name=ada")).body();
        assertThat(traceId).matches("[0-9a-f]{32}");

        // then its log line is one ECS JSON object carrying the same trace id
        JsonNode line = await("the JSON log line 'Greeting ada' on stdout").atMost(Duration.ofSeconds(5))
                .until(() -> jsonLine(output, "Greeting ada"), Objects::nonNull);
        assertThat(line.path("trace.id").asString()).isEqualTo(traceId);
        assertThat(line.path("span.id").asString()).matches("[0-9a-f]{16}");
        assertThat(line.path("log").path("level").asString()).isEqualTo("INFO");
        assertThat(line.path("service").path("name").asString()).isEqualTo(SERVICE);
        assertThat(line.path("service").path("environment").asString()).isEqualTo("it");
        assertThat(line.path("ecs").path("version").isMissingNode()).isFalse();

        // and the latency histogram offers that trace as an exemplar
        String exemplar = await("an exemplar on a /greetings latency bucket").atMost(Duration.ofSeconds(5))
                .until(() -> samples(scrape(OPENMETRICS)).stream()
                        .filter((sample) -> sample.startsWith("http_server_requests_seconds_bucket{"))
                        .filter((sample) -> sample.contains("uri=\"/greetings\""))
                        .filter((sample) -> sample.contains(" # {"))
                        .findFirst()
                        .orElse(null), Objects::nonNull);
        assertThat(exemplar).contains("trace_id=\"" + traceId + "\"");

        // and only where Prometheus 2.x accepts one: on a bucket or a counter's _total, never on a _count or _sum
        assertThat(samples(scrape(OPENMETRICS))).filteredOn((sample) -> sample.contains(" # {"))
                .allSatisfy((sample) -> assertThat(sample.substring(0, sample.indexOf('{')))
                        .matches(".*(_bucket|_total)"));
    }

    @Test
    void logsEachRequestOnceInItsOwnTrace(CapturedOutput output) throws Exception {
        // when a request is handled
        String traceId = get(service("/trace-id")).body();

        // then one access log line names it, with its status and the trace it ran in
        JsonNode line = await("the access log line for /trace-id").atMost(Duration.ofSeconds(5))
                .until(() -> jsonLine(output, "GET /trace-id 200", true), Objects::nonNull);
        assertThat(line.path("trace.id").asString()).isEqualTo(traceId);
        assertThat(line.path("log").path("logger").asString()).isEqualTo("io.myriad.access");
        assertThat(output.getOut().lines().filter((l) -> l.contains("\"GET /trace-id 200")).count()).isEqualTo(1);
    }

    @Test
    void reportsLiveWhileKafkaIsUnreachable() throws Exception {
        HttpResponse<String> liveness = get(management + "/actuator/health/liveness");

        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(json.readTree(liveness.body()).path("status").asString()).isEqualTo("UP");
    }

    @Test
    void reportsNotReadyWithKafkaDownWhileKafkaIsUnreachable() throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> readiness = get(management + "/actuator/health/readiness");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(readiness.statusCode()).isEqualTo(503);
        JsonNode health = json.readTree(readiness.body());
        assertThat(health.path("status").asString()).isEqualTo("DOWN");
        assertThat(health.path("components").path("kafka").path("status").asString()).isEqualTo("DOWN");
        assertThat(health.path("components").path("readinessState").path("status").asString()).isEqualTo("UP");
        assertThat(took).as("time to answer the probe, with a 500ms Kafka timeout").isLessThan(Duration.ofSeconds(3));
    }

    private static String service(String path) {
        return "http://127.0.0.1:" + serverPort + path;
    }

    private static String scrape(String accept) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(management + "/actuator/prometheus"))
                .header("Accept", accept)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static List<String> samples(String exposition) {
        return exposition.lines().filter((line) -> !line.isBlank() && !line.startsWith("#")).toList();
    }

    private static String le(String bucket) {
        Matcher matcher = Pattern.compile("le=\"([^\"]+)\"").matcher(bucket);
        assertThat(matcher.find()).as("le label in " + bucket).isTrue();
        return matcher.group(1);
    }

    private static JsonNode jsonLine(CapturedOutput output, String message) {
        return jsonLine(output, message, false);
    }

    private static JsonNode jsonLine(CapturedOutput output, String message, boolean prefix) {
        return output.getOut().lines()
                .filter((line) -> line.startsWith("{") && line.contains(message))
                .map(json::readTree)
                .filter((line) -> prefix ? line.path("message").asString().startsWith(message)
                        : line.path("message").asString().equals(message))
                .findFirst()
                .orElse(null);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(GreetingController.class)
    static class GreetingService {
    }

    @RestController
    static class GreetingController {

        private static final Logger logger = LoggerFactory.getLogger(GreetingController.class);

        private final Tracer tracer;

        GreetingController(Tracer tracer) {
            this.tracer = tracer;
        }

        @GetMapping("/greetings")
        String greet(@RequestParam String name) {
            logger.info("Greeting {}", name);
            return this.tracer.currentSpan().context().traceId();
        }

        // Its own path, so that its exemplar never stands in for the one /greetings is checked for.
        @GetMapping("/trace-id")
        String traceId() {
            return this.tracer.currentSpan().context().traceId();
        }

        @GetMapping("/ping")
        String ping() {
            return "pong";
        }
    }
}
