package io.myriad.fleet;

import java.io.File;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static io.myriad.fleet.LocalFleet.JSON;
import static io.myriad.fleet.LocalFleet.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fleet as an operator gets it from {@code ./myriad up}: every service ready, and a request to any of them
 * leaving a JSON log line whose trace Zipkin then shows.
 */
@ExtendWith(LocalFleet.Resolver.class)
class LocalFleetIT {

    private static LocalFleet fleet;

    @BeforeAll
    static void fleet(LocalFleet localFleet) {
        fleet = localFleet;
    }

    @Test
    void reportsEveryServiceReadyWithItsDependencies() throws Exception {
        List<JsonNode> services = fleet.facts().path("services").valueStream().toList();
        assertThat(services).extracting((service) -> service.path("name").asString()).containsExactlyInAnyOrder(
                "orchestrator", "agents", "input-processor", "output-processor", "reminder-service",
                "graphdb-manager");
        for (JsonNode service : services) {
            HttpResponse<String> readiness = get(service.path("readiness_url").asString());
            assertThat(readiness.statusCode()).as(service.path("name").asString()).isEqualTo(200);
            assertThat(JSON.readTree(readiness.body()).path("components").path("kafka").path("status").asString())
                    .isEqualTo("UP");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "orchestrator", "agents", "input-processor", "output-processor", "reminder-service",
            "graphdb-manager" })
    void aRequestLeavesAJsonLogLineWhoseTraceZipkinShows(String name) throws Exception {
        JsonNode service = fleet.service(name);
        String path = "/fleet-check/" + System.nanoTime();

        // when an operator sends a request to the service
        get(service.path("url").asString() + path);

        // then its log file has one JSON line for it, carrying a trace id
        File log = new File(service.path("log").asString());
        JsonNode line = await("the access log line for " + path + " in " + log).atMost(Duration.ofSeconds(10))
                .until(() -> Files.readAllLines(log.toPath()).stream()
                        .filter((candidate) -> candidate.contains(path))
                        .map(JSON::readTree)
                        .findFirst()
                        .orElse(null), Objects::nonNull);
        String traceId = line.path("trace.id").asString();
        assertThat(traceId).matches("[0-9a-f]{32}");

        // and Zipkin shows that trace, from that service, for that request. Spans of one trace reach Zipkin in
        // separate batches, so the trace may be there before its server span is: wait for the span itself.
        JsonNode server = await("the server span of " + name + " in trace " + traceId).atMost(Duration.ofSeconds(15))
                .until(() -> {
                    HttpResponse<String> response = get(fleet.zipkin() + "/api/v2/trace/" + traceId);
                    if (response.statusCode() != 200) {
                        return null;
                    }
                    return JSON.readTree(response.body()).valueStream()
                            .filter((span) -> "SERVER".equals(span.path("kind").asString()))
                            .findFirst()
                            .orElse(null);
                }, Objects::nonNull);
        assertThat(server.path("localEndpoint").path("serviceName").asString()).isEqualTo(name);
        assertThat(server.path("tags").path("http.url").asString()).endsWith(path);
    }
}
