package io.myriad.agents.knowledge;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.myriad.agents.graphdb.GraphdbClient;
import io.myriad.agents.graphdb.GraphdbUnavailableException;
import io.myriad.contracts.graph.ConceptKnowledge;
import io.myriad.contracts.graph.client.GraphdbClientProperties;
import io.myriad.contracts.graph.client.GraphdbRestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Redis is an accelerator: with it down, knowledge still comes from the graphdb-manager. */
class KnowledgeSourceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MeterRegistry meters = new SimpleMeterRegistry();

    private final AtomicInteger graphReads = new AtomicInteger();

    private HttpServer graphdb;

    private LettuceConnectionFactory redisConnections;

    @BeforeEach
    void startGraphdb() throws IOException {
        this.graphdb = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.graphdb.createContext("/api/v1/concepts/", exchange -> {
            this.graphReads.incrementAndGet();
            boolean known = exchange.getRequestURI().getPath().endsWith("/lightbulb");
            byte[] body = known ? JSON.writeValueAsBytes(new ConceptKnowledge("lightbulb", List.of(),
                    "A lightbulb is a device that produces light.", List.of(), List.of(), List.of()))
                    : "{\"status\":404}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(known ? 200 : 404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        this.graphdb.start();
    }

    @AfterEach
    void stop() {
        this.graphdb.stop(0);
        if (this.redisConnections != null) {
            this.redisConnections.destroy();
        }
    }

    @Test
    void readsTheGraphWhenRedisIsDownAndCountsAMiss() throws IOException {
        // given Redis does not answer
        KnowledgeSource knowledge = knowledgeSource(unreachableRedis(), graphdbUrl());

        // when a concept is asked twice
        ConceptKnowledge first = knowledge.find("lightbulb").orElseThrow();
        ConceptKnowledge second = knowledge.find("lightbulb").orElseThrow();

        // then both answers come from the graph, each counted as a miss
        assertThat(first.definition()).isEqualTo("A lightbulb is a device that produces light.");
        assertThat(second).isEqualTo(first);
        assertThat(this.graphReads).hasValue(2);
        assertThat(this.meters.get("agents.cache.misses").counter().count()).isEqualTo(2);
        assertThat(this.meters.get("agents.cache.hits").counter().count()).isZero();
    }

    @Test
    void findsNothingForAConceptTheGraphDoesNotKnow() throws IOException {
        KnowledgeSource knowledge = knowledgeSource(unreachableRedis(), graphdbUrl());

        assertThat(knowledge.find("phlogiston")).isEmpty();
    }

    @Test
    void saysSoWhenTheGraphdbManagerDoesNotAnswer() throws IOException {
        // given neither Redis nor the graphdb-manager answers
        KnowledgeSource knowledge = knowledgeSource(unreachableRedis(), "http://127.0.0.1:" + freePort());

        assertThatExceptionOfType(GraphdbUnavailableException.class).isThrownBy(() -> knowledge.find("lightbulb"));
    }

    private KnowledgeSource knowledgeSource(StringRedisTemplate redis, String graphdbUrl) {
        GraphdbClient client = new GraphdbClient(GraphdbRestClient.create(RestClient.builder(),
                GraphdbClientProperties.readOnly(URI.create(graphdbUrl), Duration.ofMillis(500), Duration.ofSeconds(2))));
        return new KnowledgeSource(client, redis, JSON, new KnowledgeProperties(Duration.ofMinutes(10)), this.meters);
    }

    private String graphdbUrl() {
        return "http://127.0.0.1:" + this.graphdb.getAddress().getPort();
    }

    private StringRedisTemplate unreachableRedis() throws IOException {
        this.redisConnections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", freePort()),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofMillis(300)).build());
        this.redisConnections.afterPropertiesSet();
        this.redisConnections.start();
        return new StringRedisTemplate(this.redisConnections);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
