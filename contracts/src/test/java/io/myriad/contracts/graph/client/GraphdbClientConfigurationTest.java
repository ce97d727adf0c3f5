package io.myriad.contracts.graph.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

class GraphdbClientConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withBean(RestClient.Builder.class, RestClient::builder)
            .withUserConfiguration(GraphdbClientConfiguration.class);

    /** The Authorization header (or "none") of the last request per method and path. */
    private final Map<String, String> authorizations = new ConcurrentHashMap<>();

    private HttpServer graphdb;

    @BeforeEach
    void startGraphdb() throws IOException {
        this.graphdb = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.graphdb.createContext("/", (exchange) -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            this.authorizations.put(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath(),
                    authorization == null ? "none" : authorization);
            if (exchange.getRequestURI().getPath().equals("/slow")) {
                try {
                    Thread.sleep(3_000);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        this.graphdb.start();
    }

    @AfterEach
    void stopGraphdb() {
        this.graphdb.stop(0);
    }

    @Test
    void defaultsToTheLocalGraphdbManagerWithTheFleetsTimeoutsAndNoToken() {
        this.runner.run((context) -> {
            GraphdbClientProperties properties = context.getBean(GraphdbClientProperties.class);
            assertThat(properties.url()).isEqualTo(URI.create("http://localhost:5008"));
            assertThat(properties.connectTimeout()).isEqualTo(Duration.ofMillis(500));
            assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(properties.writeTimeout()).isEqualTo(Duration.ofSeconds(3));
            assertThat(properties.token().subject()).isNull();
            assertThat(properties.token().scope()).isEqualTo("graph:write");
            assertThat(properties.token().issuer()).isEqualTo("myriad-services");
            assertThat(properties.token().audience()).isEqualTo("myriad-graph");
            assertThat(context).hasSingleBean(RestClient.class).doesNotHaveBean(WriteAuthorization.class);
        });
    }

    @Test
    void aServiceThatNamesNoSubjectSendsNoTokenEvenOnWrites() {
        this.runner.withPropertyValues("myriad.graphdb.url=" + url()).run((context) -> {
            RestClient client = context.getBean(RestClient.class);

            client.post().uri("/api/v1/agents").retrieve().toBodilessEntity();

            assertThat(this.authorizations).containsEntry("POST /api/v1/agents", "none");
        });
    }

    @Test
    void aServiceThatNamesItselfSignsItsWritesButNotItsReads(@TempDir Path keys) throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        Path key = keys.resolve("service.key.pem");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        this.runner
                .withPropertyValues("myriad.graphdb.url=" + url(), "myriad.graphdb.token.subject=orchestrator",
                        "myriad.graphdb.token.private-key-location=file:" + key)
                .run((context) -> {
                    RestClient client = context.getBean(RestClient.class);

                    client.get().uri("/api/v1/agents/discovery").retrieve().toBodilessEntity();
                    client.post().uri("/api/v1/agents").retrieve().toBodilessEntity();

                    assertThat(this.authorizations).containsEntry("GET /api/v1/agents/discovery", "none");
                    String authorization = this.authorizations.get("POST /api/v1/agents");
                    assertThat(authorization).startsWith("Bearer ");
                    Jwt token = NimbusJwtDecoder.withPublicKey((RSAPublicKey) pair.getPublic()).build()
                            .decode(authorization.substring("Bearer ".length()));
                    assertThat(token.getSubject()).isEqualTo("orchestrator");
                    assertThat(token.getClaimAsString("scope")).isEqualTo("graph:write");
                    assertThat(token.getClaimAsString("iss")).isEqualTo("myriad-services");
                    assertThat(token.getAudience()).isEqualTo(List.of("myriad-graph"));
                });
    }

    @Test
    void aServiceThatNamesItselfWithoutTheKeyFailsAtStart() {
        this.runner.withPropertyValues("myriad.graphdb.token.subject=orchestrator").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("myriad.graphdb.token.private-key-location is not set");
        });
    }

    @Test
    void givesUpOnAGraphdbManagerThatAnswersLaterThanTheReadTimeout() {
        this.runner.withPropertyValues("myriad.graphdb.url=" + url(), "myriad.graphdb.read-timeout=200ms")
                .run((context) -> {
                    RestClient client = context.getBean(RestClient.class);

                    assertThatExceptionOfType(ResourceAccessException.class)
                            .isThrownBy(() -> client.get().uri("/slow").retrieve().toBodilessEntity());
                });
    }

    @Test
    void waitsForAWriteUpToTheWriteTimeoutNotTheReadTimeout() {
        this.runner.withPropertyValues("myriad.graphdb.url=" + url(), "myriad.graphdb.read-timeout=200ms",
                "myriad.graphdb.write-timeout=30s").run((context) -> {
                    RestClient client = context.getBean(RestClient.class);

                    assertThatExceptionOfType(ResourceAccessException.class)
                            .isThrownBy(() -> client.get().uri("/slow").retrieve().toBodilessEntity());
                    assertThat(client.post().uri("/slow").retrieve().toBodilessEntity().getStatusCode().value())
                            .isEqualTo(204);
                });
    }

    private String url() {
        return "http://127.0.0.1:" + this.graphdb.getAddress().getPort();
    }
}
