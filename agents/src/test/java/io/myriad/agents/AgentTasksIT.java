package io.myriad.agents;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.myriad.contracts.Topics;
import io.myriad.contracts.agent.AgentResult;
import io.myriad.contracts.agent.AgentTask;
import io.myriad.contracts.agent.ResultStatus;
import io.myriad.contracts.graph.AgentCreated;
import io.myriad.contracts.graph.AgentDescriptor;
import io.myriad.contracts.graph.AgentType;
import io.myriad.contracts.graph.ConceptKnowledge;
import io.myriad.contracts.graph.ConceptKnowledge.Relation;
import io.myriad.contracts.graph.ConceptsChanged;
import io.myriad.contracts.query.Intent;
import io.myriad.contracts.query.Priority;
import io.myriad.testsupport.RealKafka;
import io.myriad.testsupport.RealRedis;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.requestreply.ReplyingKafkaTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The agents answering {@link AgentTask}s over real Kafka and Redis, the way the orchestrator asks them. The
 * graphdb-manager's two GET endpoints are served by a tiny HTTP server inside this test; the fleet tests cover the
 * real graphdb-manager.
 */
@SpringBootTest
@RealKafka
@RealRedis
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentTasksIT {

    private static final String REPLIES = "agents-it.replies";

    private static final FakeGraphdb GRAPHDB = FakeGraphdb.start();

    @DynamicPropertySource
    static void graphdb(DynamicPropertyRegistry registry) {
        registry.add("myriad.graphdb.url", GRAPHDB::url);
    }

    @Autowired
    private ProducerFactory<?, ?> producerFactory;

    @Autowired
    private ConsumerFactory<?, ?> consumerFactory;

    @Autowired
    private StringRedisTemplate redis;

    @Autowired
    private MeterRegistry meters;

    private ReplyingKafkaTemplate<String, Object, Object> requests;

    @BeforeAll
    @SuppressWarnings("unchecked")
    void connectAsTheOrchestrator() throws InterruptedException {
        ContainerProperties replies = new ContainerProperties(REPLIES);
        replies.setGroupId("agents-it-" + UUID.randomUUID());
        ConcurrentMessageListenerContainer<String, Object> container = new ConcurrentMessageListenerContainer<>(
                (ConsumerFactory<String, Object>) this.consumerFactory, replies);
        this.requests = new ReplyingKafkaTemplate<>((ProducerFactory<String, Object>) this.producerFactory,
                container);
        this.requests.setDefaultReplyTimeout(Duration.ofSeconds(20));
        this.requests.start();
        assertThat(this.requests.waitForAssignment(Duration.ofSeconds(30))).isTrue();
    }

    @AfterAll
    void disconnect() {
        this.requests.stop();
        GRAPHDB.stop();
    }

    @Test
    void answersWhatALightbulbIsAndWhatItDoes() throws Exception {
        // when the orchestrator asks the lightbulb's definition and function agents
        AgentResult definition = ask(task("definition-lightbulb", Intent.DEFINE)).value();
        AgentResult function = ask(task("function-lightbulb", Intent.FUNCTION)).value();

        // then each answers from the graph's knowledge, with its own type and a confidence
        assertThat(definition.status()).isEqualTo(ResultStatus.ANSWERED);
        assertThat(definition.agentType()).isEqualTo("DEFINITION");
        assertThat(definition.answer()).isEqualTo("A lightbulb is a device that produces light from electricity.");
        assertThat(definition.confidence()).isBetween(0.5, 1.0);
        assertThat(function.status()).isEqualTo(ResultStatus.ANSWERED);
        assertThat(function.answer()).isEqualTo("What lightbulb does: lights rooms; signals that a device is on.");
        assertThat(function.concept()).isEqualTo("lightbulb");
    }

    @Test
    void readsAConceptFromTheCacheTheSecondTimeItIsAsked() throws Exception {
        // given nothing cached of the lightbulb
        this.redis.delete("myriad:knowledge:lightbulb");
        int graphdbReads = GRAPHDB.reads("/api/v1/concepts/lightbulb");
        double hits = this.meters.get("agents.cache.hits").counter().count();
        double misses = this.meters.get("agents.cache.misses").counter().count();

        // when two agents of the lightbulb answer one after the other
        assertThat(ask(task("definition-lightbulb", Intent.DEFINE)).value().status()).isEqualTo(ResultStatus.ANSWERED);
        assertThat(ask(task("function-lightbulb", Intent.FUNCTION)).value().status())
                .isEqualTo(ResultStatus.ANSWERED);

        // then the graph was read once and the second answer came from Redis
        assertThat(GRAPHDB.reads("/api/v1/concepts/lightbulb")).isEqualTo(graphdbReads + 1);
        assertThat(this.meters.get("agents.cache.misses").counter().count()).isEqualTo(misses + 1);
        assertThat(this.meters.get("agents.cache.hits").counter().count()).isEqualTo(hits + 1);
        assertThat(this.redis.getExpire("myriad:knowledge:lightbulb", TimeUnit.SECONDS)).isBetween(1L, 600L);
    }

    @Test
    void forgetsCachedKnowledgeOfAConceptTheGraphReportsChanged() throws Exception {
        // given the lightbulb's knowledge is cached
        assertThat(ask(task("definition-lightbulb", Intent.DEFINE)).value().status()).isEqualTo(ResultStatus.ANSWERED);
        assertThat(this.redis.hasKey("myriad:knowledge:lightbulb")).isTrue();

        // when the graphdb-manager reports the lightbulb changed
        this.requests.send(Topics.CONCEPT_CHANGES, new ConceptsChanged(List.of("lightbulb")));

        // then the cached entry is gone, so the next task reads the graph again
        await().atMost(Duration.ofSeconds(30)).until(() -> !this.redis.hasKey("myriad:knowledge:lightbulb"));
    }

    @Test
    void failsExplicitlyForAnAgentTheRegistryDoesNotKnow() throws Exception {
        double rejected = rejected("unknown_agent");

        AgentResult result = ask(task("definition-unicorn", Intent.DEFINE)).value();

        assertThat(result.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(result.answer()).isEqualTo("no such agent: definition-unicorn");
        assertThat(result.confidence()).isZero();
        assertThat(rejected("unknown_agent")).isEqualTo(rejected + 1);
    }

    @Test
    void failsExplicitlyWhenTheGraphHoldsNoKnowledgeOfTheAgentsConcept() throws Exception {
        double rejected = rejected("knowledge_unavailable");

        AgentResult result = ask(task("definition-phlogiston", Intent.DEFINE, "phlogiston")).value();

        assertThat(result.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(result.agentType()).isEqualTo("DEFINITION");
        assertThat(result.answer()).isEqualTo("knowledge unavailable: the graph holds no concept 'phlogiston'");
        assertThat(result.confidence()).isZero();
        assertThat(rejected("knowledge_unavailable")).isEqualTo(rejected + 1);
    }

    @Test
    void aFactBaseAgentAnnouncedByTheRegistryStartsAnswering() {
        // given the registry announces a neurogenesis agent it will not describe over HTTP
        AgentDescriptor kettle = new AgentDescriptor("fact-base-electric-kettle", AgentType.FACT_BASE,
                "electric kettle", "active", "neurogenesis", Instant.now(), 0.5);
        this.requests.send(Topics.AGENT_LIFECYCLE, kettle.id(), new AgentCreated(kettle));

        // then a task for it is answered by a FACT_BASE worker, that says how little it knows
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            AgentResult result = ask(task("fact-base-electric-kettle", Intent.DEFINE, "electric kettle")).value();
            assertThat(result.status()).isEqualTo(ResultStatus.ANSWERED);
            assertThat(result.agentType()).isEqualTo("FACT_BASE");
            assertThat(result.answer())
                    .isEqualTo("I know little about electric kettle: An electric kettle boils water quickly.");
            assertThat(result.confidence()).isGreaterThan(0).isLessThan(0.3);
        });
        assertThat(GRAPHDB.reads("/api/v1/agents/fact-base-electric-kettle")).isZero();
    }

    @Test
    void aSlowTaskHoldsUpNoTaskBehindIt() throws Exception {
        // given a task whose knowledge takes graphdb-manager seconds to give, already taken off Kafka
        CompletableFuture<ConsumerRecord<String, Object>> slow = this.requests
                .sendAndReceive(record(task("definition-glacier", Intent.DEFINE, "glacier")));
        await().atMost(Duration.ofSeconds(10)).until(() -> GRAPHDB.reads(FakeGraphdb.SLOW) > 0);

        // when another task arrives meanwhile
        AgentResult fast = ask(task("definition-lightbulb", Intent.DEFINE)).value();

        // then it is answered while the slow one is still being read
        assertThat(fast.status()).isEqualTo(ResultStatus.ANSWERED);
        assertThat(slow).isNotDone();
        assertThat(((AgentResult) slow.get(30, TimeUnit.SECONDS).value()).status()).isEqualTo(ResultStatus.ANSWERED);
    }

    @Test
    void repliesAndReadsTheGraphInTheTasksTrace() throws Exception {
        // given a task sent in a trace of its own
        String traceId = UUID.randomUUID().toString().replace("-", "");
        this.redis.delete("myriad:knowledge:lightbulb");
        ProducerRecord<String, Object> request = record(task("definition-lightbulb", Intent.DEFINE));
        request.headers().add("traceparent",
                ("00-" + traceId + "-" + traceId.substring(0, 16) + "-01").getBytes(StandardCharsets.US_ASCII));

        // when the agent answers
        ConsumerRecord<String, Object> reply = this.requests.sendAndReceive(request).get(30, TimeUnit.SECONDS);

        // then the reply and the knowledge lookup carry the request's trace id
        Header traceparent = reply.headers().lastHeader("traceparent");
        assertThat(traceparent).isNotNull();
        assertThat(traceId(new String(traceparent.value(), StandardCharsets.US_ASCII))).isEqualTo(traceId);
        assertThat(GRAPHDB.traceparents("/api/v1/concepts/lightbulb")).extracting(AgentTasksIT::traceId)
                .contains(traceId);
    }

    private ConsumerRecord<String, AgentResult> ask(AgentTask task) throws Exception {
        ConsumerRecord<String, Object> reply = this.requests.sendAndReceive(record(task)).get(30, TimeUnit.SECONDS);
        assertThat(reply.value()).isInstanceOf(AgentResult.class);
        AgentResult result = (AgentResult) reply.value();
        assertThat(result.queryId()).isEqualTo(task.queryId());
        assertThat(result.agentId()).isEqualTo(task.agentId());
        return new ConsumerRecord<>(reply.topic(), reply.partition(), reply.offset(), reply.key(), result);
    }

    private static ProducerRecord<String, Object> record(AgentTask task) {
        return new ProducerRecord<>(Topics.AGENT_TASKS, task.agentId(), task);
    }

    private static AgentTask task(String agentId, Intent intent) {
        return task(agentId, intent, "lightbulb");
    }

    private static AgentTask task(String agentId, Intent intent, String concept) {
        return new AgentTask("q-" + UUID.randomUUID(), "t1", agentId, concept, intent, Priority.NORMAL,
                Instant.now().plusSeconds(30));
    }

    private double rejected(String reason) {
        return this.meters.get("agents.observations.rejected").tag("reason", reason).counter().count();
    }

    private static String traceId(String traceparent) {
        return traceparent.split("-")[1];
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ReplyTopic {

        @Bean
        NewTopic agentsItReplies() {
            return TopicBuilder.name(REPLIES).partitions(1).replicas(1).build();
        }
    }

    /** graphdb-manager's {@code GET /api/v1/agents/{id}} and {@code GET /api/v1/concepts/{name}}, from maps. */
    static final class FakeGraphdb {

        /** The one concept whose knowledge graphdb-manager is slow to give. */
        static final String SLOW = "/api/v1/concepts/glacier";

        static final Duration SLOWNESS = Duration.ofMillis(1500); // under the agents' 2 s read timeout

        private static final JsonMapper JSON = JsonMapper.builder().build();

        private final HttpServer server;

        private final Map<String, Object> resources = new ConcurrentHashMap<>();

        private final List<String[]> requests = new CopyOnWriteArrayList<>();

        private FakeGraphdb(HttpServer server) {
            this.server = server;
            Instant seeded = Instant.parse("2026-11-01T00:00:00Z");
            this.resources.put("/api/v1/agents/definition-lightbulb", new AgentDescriptor("definition-lightbulb",
                    AgentType.DEFINITION, "lightbulb", "active", "seed", seeded, 1.0));
            this.resources.put("/api/v1/agents/function-lightbulb", new AgentDescriptor("function-lightbulb",
                    AgentType.FUNCTION, "lightbulb", "active", "seed", seeded, 1.0));
            this.resources.put("/api/v1/agents/definition-phlogiston", new AgentDescriptor(
                    "definition-phlogiston", AgentType.DEFINITION, "phlogiston", "active", "seed", seeded, 1.0));
            this.resources.put("/api/v1/concepts/lightbulb", new ConceptKnowledge("lightbulb", List.of("light bulb"),
                    "A lightbulb is a device that produces light from electricity.",
                    List.of("lights rooms", "signals that a device is on"), List.of(),
                    List.of(new Relation("PART_OF", "lamp", true, "A device that holds a lightbulb."))));
            this.resources.put("/api/v1/agents/definition-glacier", new AgentDescriptor("definition-glacier",
                    AgentType.DEFINITION, "glacier", "active", "seed", seeded, 1.0));
            this.resources.put(SLOW, new ConceptKnowledge("glacier", List.of(), "A glacier is a river of ice.",
                    List.of(), List.of(), List.of()));
            this.resources.put("/api/v1/concepts/electric kettle", new ConceptKnowledge("electric kettle", List.of(),
                    "An electric kettle boils water quickly.", List.of(), List.of(), List.of()));
        }

        static FakeGraphdb start() {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                FakeGraphdb graphdb = new FakeGraphdb(server);
                server.createContext("/api/v1/", graphdb::serve);
                // One thread a request, so that a slow answer holds up no other.
                server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
                server.start();
                return graphdb;
            }
            catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
        }

        String url() {
            return "http://127.0.0.1:" + this.server.getAddress().getPort();
        }

        int reads(String path) {
            return (int) this.requests.stream().filter(request -> request[0].equals(path)).count();
        }

        List<String> traceparents(String path) {
            return this.requests.stream().filter(request -> request[0].equals(path) && request[1] != null)
                    .map(request -> request[1]).toList();
        }

        void stop() {
            this.server.stop(0);
        }

        private void serve(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            this.requests.add(new String[] { path, exchange.getRequestHeaders().getFirst("traceparent") });
            Object resource = this.resources.get(path);
            if (SLOW.equals(path)) {
                try {
                    Thread.sleep(SLOWNESS.toMillis()); // a graph read that takes its time, not a wait for a result
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = resource != null ? JSON.writeValueAsBytes(resource)
                    : ("{\"status\":404,\"title\":\"Not Found\",\"detail\":\"" + path + "\"}")
                            .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type",
                    resource != null ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(resource != null ? 200 : 404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
