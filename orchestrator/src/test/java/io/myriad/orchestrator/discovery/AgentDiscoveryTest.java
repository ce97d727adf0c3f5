package io.myriad.orchestrator.discovery;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.myriad.contracts.agent.Priority;
import io.myriad.contracts.query.Intent;
import io.myriad.contracts.query.PlannedTask;
import io.myriad.orchestrator.OrchestratorProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.task.SimpleAsyncTaskExecutorBuilder;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Discovery against a real HTTP server standing in for the graphdb-manager, with the orchestrator's client timeouts. */
class AgentDiscoveryTest {

    private static final String LAMP = """
            [{"id":"definition-lamp","type":"DEFINITION","concept":"lamp","status":"active","origin":"seed",
              "createdAt":"2026-12-03T00:00:00Z","weight":1.0}]""";

    private final AtomicInteger asked = new AtomicInteger();

    private HttpServer graphDb;

    @AfterEach
    void stop() {
        this.graphDb.stop(0);
    }

    @Test
    void asksOnceMoreWhenTheFirstReadTimesOutAndFindsTheAgent() throws IOException {
        AgentDiscovery discovery = discoveryAgainst(1); // the first answer comes after the read timeout

        Discovery found = discovery.discover(List.of(task())).getFirst();

        assertThat(found.outcome()).isEqualTo(DiscoveryOutcome.FOUND);
        assertThat(found.agent().id()).isEqualTo("definition-lamp");
        assertThat(this.asked).hasValue(2);
    }

    @Test
    void givesTheTaskUpAsAnErrorWhenTheSecondReadTimesOutToo() throws IOException {
        AgentDiscovery discovery = discoveryAgainst(2);

        Discovery failed = discovery.discover(List.of(task())).getFirst();

        assertThat(failed.outcome()).isEqualTo(DiscoveryOutcome.ERROR);
        assertThat(this.asked).hasValue(2);
    }

    @Test
    void doesNotAskAgainWhenTheGraphdbManagerAnswersWithAnError() throws IOException {
        AgentDiscovery discovery = discoveryAgainst(0);
        this.graphDb.removeContext("/api/v1/agents/discovery");
        this.graphDb.createContext("/api/v1/agents/discovery", exchange -> {
            this.asked.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });

        Discovery failed = discovery.discover(List.of(task())).getFirst();

        assertThat(failed.outcome()).isEqualTo(DiscoveryOutcome.ERROR);
        assertThat(this.asked).as("an answer, even an error, is not a call that did not get through").hasValue(1);
    }

    /** A discovery whose first {@code slow} calls are answered only after the client's read timeout. */
    private AgentDiscovery discoveryAgainst(int slow) throws IOException {
        this.graphDb = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.graphDb.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        this.graphDb.createContext("/api/v1/agents/discovery", exchange -> {
            try {
                if (this.asked.incrementAndGet() <= slow) {
                    Thread.sleep(Duration.ofMillis(1500));
                }
                byte[] body = LAMP.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            catch (InterruptedException | IOException ex) {
                // the client gave up on this one
            }
            finally {
                exchange.close();
            }
        });
        this.graphDb.start();
        RestClient client = RestClient.builder()
                .baseUrl("http://127.0.0.1:" + this.graphDb.getAddress().getPort())
                .requestFactory(ClientHttpRequestFactoryBuilder.jdk()
                        .build(HttpClientSettings.defaults().withTimeouts(Duration.ofMillis(500), Duration.ofMillis(300))))
                .build();
        OrchestratorProperties properties = new OrchestratorProperties(Duration.ofSeconds(3), Duration.ofSeconds(2),
                Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(15), 1000, Duration.ZERO);
        return new AgentDiscovery(client, new SimpleAsyncTaskExecutorBuilder(), new SimpleMeterRegistry(), properties);
    }

    private static PlannedTask task() {
        return new PlannedTask("t1", Intent.DEFINE, "lamp", Priority.NORMAL, List.of());
    }
}
