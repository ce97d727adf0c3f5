package io.myriad.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalManagementPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every Myriad service promises an operator, checked against the running application: readiness that
 * names its real dependencies and is UP only when they answer, liveness, and a Prometheus exposition tagged for
 * the fleet. A service's integration test extends this with {@code @SpringBootTest(webEnvironment =
 * RANDOM_PORT, properties = "management.server.port=0")} and the infrastructure annotations it needs.
 */
public abstract class ServiceContract {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalManagementPort
    private int managementPort;

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

    protected HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + path))
                .header("Accept", accept)
                .timeout(Duration.ofSeconds(10))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
