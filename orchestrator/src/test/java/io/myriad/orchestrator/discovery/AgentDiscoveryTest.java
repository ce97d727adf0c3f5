package io.myriad.orchestrator.discovery;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.myriad.contracts.graph.client.GraphdbClientProperties;
import io.myriad.contracts.graph.client.GraphdbRestClient;
import io.myriad.contracts.query.Intent;
import io.myriad.contracts.query.PlannedTask;
import io.myriad.contracts.query.Priority;
import io.myriad.orchestrator.OrchestratorProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.task.SimpleAsyncTaskExecutorBuilder;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Discovery against a real HTTP server standing in for the graphdb-manager, over the fleet's graphdb client. Whether
 * a call gets through is decided by the stand-in (it drops the connection, or holds the answer until the test ends),
 * never by how fast this machine happens to be: a call meant to be answered has a read timeout it cannot miss.
 */
class AgentDiscoveryTest {

    private static final String LAMP = """
            [{"id":"definition-lamp","type":"DEFINITION","concept":"lamp","status":"active","origin":"seed",
              "createdAt":"2026-12-03T00:00:00Z","weight":1.0}]""";

    private static final Duration GENEROUS = Duration.ofSeconds(30);

    /** What the stand-in does with each call, in order; calls past the script are answered with the lamp's agent. */
    private enum Answer {
        /** Closes the connection without a word: the call did not get through. */
        DROP,
        /** Answers only when the test ends: the client's read timeout expires first, however slow the machine. */
        HOLD,
        /** A 500: an answer, if not the one hoped for. */
        ERROR,
        LAMP
    }

    private final AtomicInteger asked = new AtomicInteger();

    private final CountDownLatch testOver = new CountDownLatch(1);

    private HttpServer graphDb;

    @AfterEach
    void stop() {
        this.testOver.countDown();
        this.graphDb.stop(0);
    }

    @Test
    void asksOnceMoreWhenTheFirstCallDoesNotGetThroughAndFindsTheAgent() throws IOException {
        AgentDiscovery discovery = discoveryAgainst(GENEROUS, Answer.DROP, Answer.LAMP);

        Discovery found = discovery.discover(List.of(task())).getFirst();

        assertThat(found.outcome()).isEqualTo(DiscoveryOutcome.FOUND);
        assertThat(found.agent().id()).isEqualTo("definition-lamp");
        assertThat(this.asked).hasValue(2);
    }

    @Test
    void givesTheTaskUpAsAnErrorWhenTheSecondReadTimesOutToo() throws IOException {
        AgentDiscovery discovery = discoveryAgainst(Duration.ofMillis(300), Answer.HOLD, Answer.HOLD, Answer.LAMP);

        Discovery failed = discovery.discover(List.of(task())).getFirst();

        assertThat(failed.outcome()).isEqualTo(DiscoveryOutcome.ERROR);
        // The client stops waiting on its own clock; the stand-in may see the second call a moment later.
        await().atMost(GENEROUS).untilAsserted(() -> assertThat(this.asked).hasValue(2));
        assertThat(this.asked).as("asked twice, never a third time").hasValue(2);
    }

    @Test
    void doesNotAskAgainWhenTheGraphdbManagerAnswersWithAnError() throws IOException {
        AgentDiscovery discovery = discoveryAgainst(GENEROUS, Answer.ERROR, Answer.LAMP);

        Discovery failed = discovery.discover(List.of(task())).getFirst();

        assertThat(failed.outcome()).isEqualTo(DiscoveryOutcome.ERROR);
        assertThat(this.asked).as("an answer, even an error, is not a call that did not get through").hasValue(1);
    }

    private AgentDiscovery discoveryAgainst(Duration readTimeout, Answer... script) throws IOException {
        this.graphDb = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.graphDb.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        this.graphDb.createContext("/api/v1/agents/discovery", exchange -> {
            int call = this.asked.incrementAndGet();
            Answer answer = (call <= script.length) ? script[call - 1] : Answer.LAMP;
            try {
                switch (answer) {
                    case DROP -> {
                        // closed below without response headers: the connection goes with it
                    }
                    case HOLD -> {
                        this.testOver.await();
                        exchange.sendResponseHeaders(503, -1);
                    }
                    case ERROR -> exchange.sendResponseHeaders(500, -1);
                    case LAMP -> {
                        byte[] body = LAMP.getBytes(StandardCharsets.UTF_8);
                        exchange.getResponseHeaders().set("Content-Type", "application/json");
                        exchange.sendResponseHeaders(200, body.length);
                        exchange.getResponseBody().write(body);
                    }
                }
            }
            catch (InterruptedException | IOException ex) {
                // the client gave up on this one
            }
            finally {
                exchange.close();
            }
        });
        this.graphDb.start();
        RestClient client = GraphdbRestClient.create(RestClient.builder(), GraphdbClientProperties.readOnly(
                URI.create("http://127.0.0.1:" + this.graphDb.getAddress().getPort()), GENEROUS, readTimeout));
        OrchestratorProperties properties = new OrchestratorProperties(Duration.ofSeconds(3), Duration.ofSeconds(2),
                Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(15), 1000, Duration.ZERO);
        return new AgentDiscovery(client, new SimpleAsyncTaskExecutorBuilder(), new SimpleMeterRegistry(), properties);
    }

    private static PlannedTask task() {
        return new PlannedTask("t1", Intent.DEFINE, "lamp", Priority.NORMAL, List.of());
    }
}
