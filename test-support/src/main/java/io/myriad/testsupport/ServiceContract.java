package io.myriad.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every Myriad service promises an operator, checked against the running application: readiness that
 * names its real dependencies and is UP only when they answer, liveness, a Prometheus exposition tagged for
 * the fleet, and errors a client can read (RFC 9457 problems, whoever answers) on both ports. A service's
 * integration test extends this with {@code @SpringBootTest(webEnvironment =
 * RANDOM_PORT, properties = "management.server.port=0")} and the infrastructure annotations it needs.
 */
public abstract class ServiceContract {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalManagementPort
    private int managementPort;

    @LocalServerPort
    private int serverPort;

    @Value("${spring.application.name}")
    private String applicationName;

    /** The health components readiness must contain besides {@code readinessState}, e.g. kafka, neo4j. */
    protected abstract List<String> dependencies();

    @Test
    void isReadyOnceEveryDependencyAnswers() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> response = get("/actuator/health/readiness", "application/json");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode components = JSON.readTree(response.body()).path("components");
            assertThat(components.path("readinessState").path("status").asString()).isEqualTo("UP");
            for (String dependency : dependencies()) {
                assertThat(components.path(dependency).path("status").asString()).as(dependency).isEqualTo("UP");
            }
        });
    }

    @Test
    void isLive() throws IOException, InterruptedException {
        HttpResponse<String> response = get("/actuator/health/liveness", "application/json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("status").asString()).isEqualTo("UP");
    }

    @Test
    void exposesMetricsTaggedWithApplicationEnvAndInstance() throws IOException, InterruptedException {
        HttpResponse<String> response = get("/actuator/prometheus", "text/plain");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).containsPattern("jvm_memory_used_bytes\\{application=\""
                + this.applicationName + "\",[^}]*env=\"[^\"]+\",[^}]*instance=\"[^\"]+\"");
    }

    @Test
    void exposesNothingButHealthInfoAndPrometheus() throws IOException, InterruptedException {
        assertThat(get("/actuator/env", "application/json").statusCode()).isEqualTo(404);
        assertThat(get("/actuator/beans", "application/json").statusCode()).isEqualTo(404);
        assertThat(get("/actuator/info", "application/json").statusCode()).isEqualTo(200);
    }

    @Test
    void answersMalformedAndOversizedRequestsWithProblemsOnBothPorts() {
        for (int port : new int[] {this.serverPort, this.managementPort}) {
            assertFleetProblem(raw(port, "GET /a%zz HTTP/1.1\r\nHost: localhost\r\n\r\n"), 400);
            assertFleetProblem(raw(port, "GET /[ HTTP/1.1\r\nHost: localhost\r\n\r\n"), 400);
            assertFleetProblem(raw(port, "GET /error HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
                    404);
            assertFleetProblem(raw(port, "GET /actuator/health/../x HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: close\r\n\r\n"), 400);
            assertFleetProblem(raw(port, "POST /api HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 10485760\r\n\r\n"), 413);
        }
        // whoever answers a path nobody serves (Spring MVC, or a security filter first), it is a problem, not a 5xx
        RawHttp.Response unknown = raw(this.serverPort, "GET /no/such/path HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(unknown.status()).as(unknown.toString()).isBetween(400, 499);
        assertThat(unknown.contentType()).as(unknown.toString()).startsWith("application/problem+json");
    }

    private static void assertFleetProblem(RawHttp.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        assertThat(response.body()).as(response.toString()).contains("\"type\":\"https://myriad.io/problems/");
        assertThat(response.headers() + response.body()).as(response.toString())
                .doesNotContain("<html", "Tomcat", "Exception");
    }

    /** The answer to a request sent byte for byte, which no HTTP client would send as it is. */
    private static RawHttp.Response raw(int port, String request) {
        return RawHttp.send(port, request.getBytes(StandardCharsets.ISO_8859_1), Duration.ofSeconds(10));
    }

    protected HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + path))
                .header("Accept", accept)
                .timeout(Duration.ofSeconds(10))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
