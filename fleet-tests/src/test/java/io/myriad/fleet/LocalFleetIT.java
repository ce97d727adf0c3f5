package io.myriad.fleet;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fleet as an operator gets it from {@code ./myriad up}: every service ready, and a request to any of them
 * leaving a JSON log line whose trace Zipkin then shows. Runs after the reactor has packaged every service, so
 * the fleet starts from those jars ({@code --no-build}); it uses the fleet's fixed ports, so no other fleet may
 * be running on this machine.
 */
class LocalFleetIT {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    private static final JsonMapper json = JsonMapper.builder().build();

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static Process fleet;

    private static Path upLog;

    private static JsonNode facts;

    @BeforeAll
    static void startFleet() throws IOException {
        upLog = ROOT.resolve("fleet-tests/target/myriad-up.log");
        Files.createDirectories(upLog.getParent());
        ProcessBuilder up = new ProcessBuilder("./myriad", "up", "--no-build").directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(upLog.toFile());
        // No startup cache: writing one makes the first stop after a build a minute longer, for nothing here.
        up.environment().put("MYRIAD_STARTUP_CACHE", "off");
        fleet = up.start();
        await("./myriad up to report the fleet ready (log: " + upLog + ")").atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    assertThat(fleet.isAlive()).as("./myriad up is running; it said: %s", Files.readString(upLog))
                            .isTrue();
                    return Files.readString(upLog).contains("fleet ready in");
                });
        facts = json.readTree(ROOT.resolve(".myriad/fleet.json").toFile());
    }

    @AfterAll
    static void stopFleet() throws InterruptedException {
        if (fleet != null && fleet.isAlive()) {
            fleet.destroy(); // SIGTERM: the launcher stops everything it started
            assertThat(fleet.waitFor(3, TimeUnit.MINUTES)).as("fleet stopped").isTrue();
        }
    }

    @Test
    void reportsEveryServiceReadyWithItsDependencies() throws Exception {
        List<JsonNode> services = facts.path("services").valueStream().toList();
        assertThat(services).extracting((service) -> service.path("name").asString()).containsExactlyInAnyOrder(
                "orchestrator", "agents", "input-processor", "output-processor", "reminder-service",
                "graphdb-manager");
        for (JsonNode service : services) {
            HttpResponse<String> readiness = get(service.path("readiness_url").asString());
            assertThat(readiness.statusCode()).as(service.path("name").asString()).isEqualTo(200);
            assertThat(json.readTree(readiness.body()).path("components").path("kafka").path("status").asString())
                    .isEqualTo("UP");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "orchestrator", "agents", "input-processor", "output-processor", "reminder-service",
            "graphdb-manager" })
    void aRequestLeavesAJsonLogLineWhoseTraceZipkinShows(String name) throws Exception {
        JsonNode service = facts.path("services").valueStream()
                .filter((candidate) -> candidate.path("name").asString().equals(name))
                .findFirst()
                .orElseThrow();
        String path = "/fleet-check/" + System.nanoTime();

        // when an operator sends a request to the service
        get(service.path("url").asString() + path);

        // then its log file has one JSON line for it, carrying a trace id
        File log = new File(service.path("log").asString());
        JsonNode line = await("the access log line for " + path + " in " + log).atMost(Duration.ofSeconds(10))
                .until(() -> Files.readAllLines(log.toPath()).stream()
                        .filter((candidate) -> candidate.contains(path))
                        .map(json::readTree)
                        .findFirst()
                        .orElse(null), Objects::nonNull);
        String traceId = line.path("trace.id").asString();
        assertThat(traceId).matches("[0-9a-f]{32}");

        // and Zipkin shows that trace, from that service, for that request
        String zipkin = facts.path("zipkin").path("url").asString();
        JsonNode trace = await("trace " + traceId + " in Zipkin").atMost(Duration.ofSeconds(15))
                .until(() -> {
                    HttpResponse<String> response = get(zipkin + "/api/v2/trace/" + traceId);
                    return (response.statusCode() == 200) ? json.readTree(response.body()) : null;
                }, Objects::nonNull);
        assertThat(trace.valueStream().toList()).anySatisfy((span) -> {
            assertThat(span.path("localEndpoint").path("serviceName").asString()).isEqualTo(name);
            assertThat(span.path("kind").asString()).isEqualTo("SERVER");
            assertThat(span.path("tags").path("http.url").asString()).endsWith(path);
        });
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
