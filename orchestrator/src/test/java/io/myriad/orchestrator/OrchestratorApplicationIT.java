package io.myriad.orchestrator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import io.myriad.testsupport.RealKafka;
import io.myriad.testsupport.ServiceContract;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

@SpringBootTest(webEnvironment = RANDOM_PORT, properties = "management.server.port=0")
@RealKafka
class OrchestratorApplicationIT extends ServiceContract {

    @LocalServerPort
    private int apiPort;

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry properties) {
        TestTokens.register(properties);
    }

    @Override
    protected List<String> dependencies() {
        return List.of("kafka");
    }

    @Test
    void aUserOverTheRequestRateGets429WithRetryAfterWhileAnotherUserIsUnaffected() throws Exception {
        String eager = TestTokens.forUser("eager-" + UUID.randomUUID());
        try (HttpClient http = HttpClient.newHttpClient()) {
            // The default limit: a burst of 40, then 20 a second; never refused in 1000 calls, they would have to take
            // 48 seconds.
            HttpResponse<String> refused = null;
            for (int i = 0; i < 1000 && refused == null; i++) {
                HttpResponse<String> response = lookUp(http, eager);
                if (response.statusCode() == 429) {
                    refused = response;
                }
                else {
                    assertThat(response.statusCode()).isEqualTo(404); // an unknown query, as any id of another user
                }
            }

            assertThat(refused).as("a refusal within 1000 calls").isNotNull();
            assertThat(refused.headers().firstValue("Retry-After")).get().asString().matches("[1-9][0-9]*");
            assertThat(refused.headers().firstValue("Content-Type")).get().asString()
                    .startsWith("application/problem+json");
            assertThat(refused.body()).contains("\"type\":\"https://myriad.io/problems/too-many-requests\"");
            assertThat(lookUp(http, TestTokens.forUser("calm-" + UUID.randomUUID())).statusCode()).isEqualTo(404);
        }
    }

    private HttpResponse<String> lookUp(HttpClient http, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.apiPort + "/api/v1/queries/"
                + UUID.randomUUID())).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
