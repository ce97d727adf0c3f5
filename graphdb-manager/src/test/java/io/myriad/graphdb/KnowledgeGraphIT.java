package io.myriad.graphdb;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import io.myriad.contracts.Topics;
import io.myriad.graphdb.seed.SeedLoader;
import io.myriad.testsupport.JwtKeys;
import io.myriad.testsupport.RealKafka;
import io.myriad.testsupport.RealNeo4j;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

// The gauges' schedule pushed out of the run: what they show comes from the start and from each write alone.
@SpringBootTest(webEnvironment = RANDOM_PORT,
        properties = { "management.server.port=0", "myriad.graphdb.gauge-refresh=1h" })
@RealKafka
@RealNeo4j
class KnowledgeGraphIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry properties) {
        TestTokens.register(properties);
    }

    @LocalServerPort
    private int port;

    @LocalManagementPort
    private int managementPort;

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrapServers;

    @Autowired
    private SeedLoader seedLoader;

    @Autowired
    private Neo4jClient neo4j;

    @Test
    void loadsTheSeedOnceAndLoadingItAgainChangesNothing() throws Exception {
        // given the service has started
        JsonNode stats = JSON.readTree(get("/api/v1/stats").body());
        assertThat(stats.path("concepts").asLong()).isGreaterThanOrEqualTo(110);

        JsonNode lightbulb = JSON.readTree(get("/api/v1/concepts/Light%20Bulb").body());
        assertThat(lightbulb.path("name").asString()).isEqualTo("lightbulb");
        assertThat(lightbulb.path("definition").asString())
                .startsWith("A lightbulb is an electric device that produces light");
        assertThat(lightbulb.path("uses").toString()).contains("turning electricity into light");
        List<String> targets = new ArrayList<>();
        lightbulb.path("relations").forEach(relation -> {
            targets.add(relation.path("target").asString());
            assertThat(relation.path("targetDefinition").asString()).as(relation.toString()).isNotBlank();
        });
        assertThat(targets).contains("lamp", "electricity", "switch", "filament");
        assertThat(lightbulb.path("relations").valueStream()
                .filter(relation -> relation.path("target").asString().equals("lamp")).findFirst().orElseThrow()
                .path("outgoing").asBoolean()).isTrue();

        List<String> agentIds = new ArrayList<>();
        for (String intent : List.of("define", "function", "relate", "compare")) {
            JsonNode agents = JSON.readTree(get("/api/v1/agents/discovery?concept=lightbulb&intent=" + intent).body());
            agents.forEach(agent -> {
                agentIds.add(agent.path("id").asString());
                assertThat(agent.path("origin").asString()).isEqualTo("seed");
                assertThat(agent.path("status").asString()).isEqualTo("active");
                assertThat(agent.path("weight").asDouble()).isEqualTo(1.0);
            });
        }
        assertThat(agentIds).containsExactly("definition-lightbulb", "function-lightbulb", "relation-lightbulb",
                "comparison-lightbulb");
        Map<String, Object> before = graphSnapshot();

        // when
        this.seedLoader.load();

        // then
        assertThat(graphSnapshot()).isEqualTo(before);
    }

    @Test
    void importsTwoRelatedConceptsAndAnnouncesThem() throws Exception {
        // given
        String suffix = unique();
        String desk = "desk " + suffix;
        String drawer = "drawer " + suffix;
        String batch = """
                [{"name": " %s ", "aliases": ["Writing Table %s"], "definition": "A desk is a table for working.",
                  "uses": ["It holds a computer and paper."], "facts": ["Many desks have drawers."],
                  "relations": [{"type": "IS_A", "target": "table"}, {"type": "RELATED_TO", "target": "lamp"}]},
                 {"name": "%s", "definition": "A drawer is a sliding box in a piece of furniture.",
                  "relations": [{"type": "part_of", "target": "%s"}]}]
                """.formatted(desk.toUpperCase(), suffix, drawer, desk);

        try (KafkaConsumer<String, String> consumer = consumer(Topics.CONCEPT_CHANGES)) {
            // when
            HttpResponse<String> response = post("/api/v1/concepts", batch, "application/json");

            // then
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.path("imported").asInt()).isEqualTo(2);
            assertThat(body.path("names").toString()).contains(desk, drawer);

            JsonNode readBack = JSON.readTree(get("/api/v1/concepts/writing%20table%20" + suffix).body());
            assertThat(readBack.path("name").asString()).isEqualTo(desk);
            assertThat(readBack.path("relations").toString()).contains("\"target\":\"table\"")
                    .contains("\"target\":\"" + drawer + "\",\"outgoing\":false");
            assertThat(get("/api/v1/concepts/" + drawer.replace(" ", "%20")).statusCode()).isEqualTo(200);
            assertThat(get("/api/v1/concepts/names").body()).contains(desk, drawer);

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(poll(consumer))
                    .anySatisfy(event -> assertThat(event.value()).contains(desk).contains(drawer)));
        }
        // an imported concept has no agents: neurogenesis gives it one when it is asked about
        assertThat(JSON.readTree(get("/api/v1/agents/discovery?concept=" + desk.replace(" ", "%20")
                + "&intent=define").body())).isEmpty();
        assertThat(metrics()).containsPattern("graphdb_concepts_imported_total\\{[^}]*\\} [1-9]");
        // the concepts gauge counts again on the import's own thread, not 15 s later on its schedule
        long concepts = JSON.readTree(get("/api/v1/stats").body()).path("concepts").asLong();
        Matcher gauge = Pattern.compile("(?m)^graphdb_concepts\\{[^}]*\\} ([0-9.E]+)$").matcher(metrics());
        assertThat(gauge.find()).as("graphdb_concepts exposed").isTrue();
        assertThat((long) Double.parseDouble(gauge.group(1))).isEqualTo(concepts);
    }

    @Test
    void refusesABatchWithOneBadItemAndImportsNothingOfIt() throws Exception {
        // given
        String good = "good " + unique();
        String bad = "bad " + unique();
        String batch = """
                [{"name": "%s", "definition": "A fine concept."},
                 {"name": "%s", "definition": "  ", "relations": [{"type": "OWNS", "target": "nothing-%s"}]}]
                """.formatted(good, bad, unique());

        // when
        HttpResponse<String> response = post("/api/v1/concepts", batch, "application/json");

        // then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        List<String> errors = new ArrayList<>();
        problem.path("errors").forEach(error -> {
            assertThat(error.path("index").asInt()).isEqualTo(1);
            errors.add(error.path("field").asString());
        });
        assertThat(errors).containsExactlyInAnyOrder("definition", "relations[0].type", "relations[0].target");
        assertThat(get("/api/v1/concepts/" + good.replace(" ", "%20")).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/concepts/" + bad.replace(" ", "%20")).statusCode()).isEqualTo(404);
        assertThat(metrics()).containsPattern("graphdb_imports_rejected_total\\{[^}]*\\} [1-9]");
    }

    @Test
    void answersMalformedJsonWrongContentTypeAndUnknownNamesWithProblems() throws Exception {
        HttpResponse<String> malformed = post("/api/v1/concepts", "[{\"name\": ", "application/json");
        HttpResponse<String> wrongType = post("/api/v1/concepts", "name=desk", "text/plain");
        HttpResponse<String> unknown = get("/api/v1/concepts/unicorn-" + unique());
        HttpResponse<String> badIntent = get("/api/v1/agents/discovery?concept=lightbulb&intent=dance");

        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(wrongType.statusCode()).isEqualTo(415);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(badIntent.statusCode()).isEqualTo(400);
        for (HttpResponse<String> response : List.of(malformed, wrongType, unknown, badIntent)) {
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.");
        }
    }

    @Test
    void discoversTheDefinitionAgentOfALightbulbByAnyOfItsNames() throws Exception {
        JsonNode agents = JSON.readTree(get("/api/v1/agents/discovery?concept=BULB&intent=define").body());

        assertThat(agents).hasSize(1);
        assertThat(agents.get(0).path("id").asString()).isEqualTo("definition-lightbulb");
        assertThat(agents.get(0).path("type").asString()).isEqualTo("DEFINITION");
        assertThat(agents.get(0).path("concept").asString()).isEqualTo("lightbulb");
        assertThat(JSON.readTree(get("/api/v1/agents/definition-lightbulb").body()).path("concept").asString())
                .isEqualTo("lightbulb");
        assertThat(get("/api/v1/agents/definition-unicorn").statusCode()).isEqualTo(404);
        assertThat(metrics()).contains("graphdb_query_duration_seconds_bucket{")
                .containsPattern("graphdb_query_duration_seconds_count\\{[^}]*operation=\"discover\"[^}]*\\} [1-9]")
                .containsPattern("graphdb_agents\\{[^}]*origin=\"seed\"[^}]*\\} [1-9]")
                .containsPattern("graphdb_concepts\\{[^}]*\\} [1-9]")
                .containsPattern("graphdb_query_duration_seconds_count\\{[^}]*operation=\"create_agent\"")
                .containsPattern("graphdb_agent_creations_total\\{[^}]*origin=\"seed\"")
                .containsPattern("graphdb_imports_rejected_total\\{");
    }

    @Test
    void createsAnAgentOnceAnnouncesItOnceAndHandsItBackAfterwards() throws Exception {
        // given a concept without agents
        String concept = "hat stand " + unique();
        assertThat(post("/api/v1/concepts", """
                [{"name": "%s", "definition": "A hat stand is a pole with hooks for hats and coats.",
                  "relations": [{"type": "RELATED_TO", "target": "door"}]}]
                """.formatted(concept), "application/json").statusCode()).isEqualTo(201);
        String request = """
                {"concept": "%s", "type": "FACT_BASE", "origin": "neurogenesis"}
                """.formatted(concept.toUpperCase());
        String expectedId = "fact-base-" + concept.replace(' ', '-');

        try (KafkaConsumer<String, String> consumer = consumer(Topics.AGENT_LIFECYCLE)) {
            // when
            HttpResponse<String> first = post("/api/v1/agents", request, "application/json",
                    TestTokens.orchestrator());
            HttpResponse<String> second = post("/api/v1/agents", request, "application/json",
                    TestTokens.orchestrator());

            // then
            assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
            assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
            JsonNode created = JSON.readTree(first.body());
            assertThat(created.path("id").asString()).isEqualTo(expectedId);
            assertThat(created.path("origin").asString()).isEqualTo("neurogenesis");
            assertThat(JSON.readTree(second.body()).path("createdAt").asString())
                    .isEqualTo(created.path("createdAt").asString());
            JsonNode discovered = JSON.readTree(get("/api/v1/agents/discovery?concept=" + concept.replace(" ", "%20")
                    + "&intent=compare").body());
            assertThat(discovered).hasSize(1);
            assertThat(discovered.get(0).path("id").asString()).isEqualTo(expectedId);

            List<ConsumerRecord<String, String>> announced = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).during(Duration.ofSeconds(2)).until(() -> {
                poll(consumer).stream().filter(event -> expectedId.equals(event.key())).forEach(announced::add);
                return announced.size() == 1;
            });
            assertThat(announced.get(0).value()).contains("\"id\":\"" + expectedId + "\"");
        }
        assertThat(post("/api/v1/agents", """
                {"concept": "unicorn-%s", "type": "FACT_BASE", "origin": "neurogenesis"}
                """.formatted(unique()), "application/json").statusCode()).isEqualTo(404);
        assertThat(metrics()).containsPattern("graphdb_agent_creations_total\\{[^}]*origin=\"neurogenesis\"[^}]*\\} [1-9]");
    }

    @Test
    void changesTheGraphOnlyForATokenWithTheWriteScope() throws Exception {
        // given a concept that must not appear, and tokens that may not write
        String name = "intruder " + unique();
        String batch = """
                [{"name": "%s", "definition": "Written by someone who may not."}]
                """.formatted(name);
        String agent = """
                {"concept": "lightbulb", "type": "FACT_BASE", "origin": "neurogenesis"}
                """;
        String user = TestTokens.USERS.token(TestTokens.ISSUER, List.of(TestTokens.AUDIENCE, "myriad-queries"),
                "alice", null, Duration.ofMinutes(5));
        String stranger = JwtKeys.generate().token(TestTokens.ISSUER, List.of(TestTokens.AUDIENCE), "admin",
                TestTokens.WRITE, Duration.ofMinutes(5));
        String forAnotherService = TestTokens.USERS.token(TestTokens.ISSUER, List.of("myriad-queries"), "admin",
                TestTokens.WRITE, Duration.ofMinutes(5));
        String userPosingAsAService = TestTokens.USERS.token(TestTokens.SERVICE_ISSUER,
                List.of(TestTokens.AUDIENCE), "orchestrator", TestTokens.WRITE, Duration.ofMinutes(5));

        // then: no token, or one this service does not trust, is 401; a trusted one without the scope 403
        for (String path : List.of("/api/v1/concepts", "/api/v1/agents")) {
            String body = path.endsWith("concepts") ? batch : agent;
            assertProblem(post(path, body, "application/json", null), 401);
            assertProblem(post(path, body, "application/json", stranger), 401);
            assertProblem(post(path, body, "application/json", forAnotherService), 401);
            assertProblem(post(path, body, "application/json", userPosingAsAService), 401);
            assertProblem(post(path, body, "application/json", user), 403);
        }
        assertProblem(delete("/api/v1/agents/definition-lightbulb", null), 401);
        assertThat(post("/api/v1/concepts", batch, "application/json", null).headers()
                .firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
        assertThat(get("/api/v1/concepts/" + name.replace(" ", "%20")).statusCode()).isEqualTo(404);
        // and reads stay open to the fleet, token or not
        assertThat(get("/api/v1/concepts/lightbulb").statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/stats").statusCode()).isEqualTo(200);
        // while the operator's and the orchestrator's tokens write
        assertThat(post("/api/v1/concepts", batch, "application/json", TestTokens.admin()).statusCode())
                .isEqualTo(201);
        assertThat(post("/api/v1/agents", """
                {"concept": "%s", "type": "FACT_BASE"}
                """.formatted(name), "application/json", TestTokens.orchestrator()).statusCode()).isEqualTo(201);
    }

    @Test
    void makesNoSeedAgentThroughTheApi() throws Exception {
        String concept = "pedestal " + unique();
        assertThat(post("/api/v1/concepts", """
                [{"name": "%s", "definition": "A base that something stands on."}]
                """.formatted(concept), "application/json").statusCode()).isEqualTo(201);

        HttpResponse<String> seed = post("/api/v1/agents", """
                {"concept": "%s", "type": "DEFINITION", "origin": "seed"}
                """.formatted(concept), "application/json", TestTokens.orchestrator());

        assertProblem(seed, 400);
        assertThat(JSON.readTree(seed.body()).path("detail").asString()).contains("seed file only");
        assertThat(JSON.readTree(get("/api/v1/agents/discovery?concept=" + concept.replace(" ", "%20")
                + "&intent=define").body())).isEmpty();
    }

    @Test
    void refusesImportsAndAgentsOverTheListAndLengthLimits() throws Exception {
        String tooManyAliases = """
                [{"name": "alias-heavy %s", "definition": "Known by too many names.", "aliases": [%s]}]
                """.formatted(unique(), String.join(",", IntStream.range(0, 21).mapToObj(i -> "\"alias " + i + "\"")
                .toList()));
        String tooManyRelations = """
                [{"name": "hub %s", "definition": "Related to everything.", "relations": [%s]}]
                """.formatted(unique(), String.join(",", Collections.nCopies(51,
                "{\"type\": \"RELATED_TO\", \"target\": \"lightbulb\"}")));
        String longName = """
                [{"name": "%s", "definition": "A very long name."}]
                """.formatted("n".repeat(101));
        StringBuilder tooManyItems = new StringBuilder("[");
        for (int i = 0; i < 501; i++) {
            tooManyItems.append(i == 0 ? "" : ",").append("{\"name\": \"bulk ").append(i)
                    .append("\", \"definition\": \"One of many.\"}");
        }
        tooManyItems.append(']');

        assertProblem(post("/api/v1/concepts", tooManyAliases, "application/json"), 400);
        assertProblem(post("/api/v1/concepts", tooManyRelations, "application/json"), 400);
        assertProblem(post("/api/v1/concepts", longName, "application/json"), 400);
        assertProblem(post("/api/v1/concepts", tooManyItems.toString(), "application/json"), 400);
        assertProblem(post("/api/v1/agents", """
                {"concept": "%s", "type": "FACT_BASE"}
                """.formatted("c".repeat(101)), "application/json", TestTokens.orchestrator()), 400);
        assertThat(get("/api/v1/concepts/bulk%200").statusCode()).isEqualTo(404);
    }

    private Map<String, Object> graphSnapshot() {
        return this.neo4j.query("""
                MATCH (n) WITH count(n) AS nodes
                MATCH ()-[r]->() WITH nodes, count(r) AS relationships
                MATCH (a:Agent) WITH nodes, relationships, a ORDER BY a.id
                WITH nodes, relationships, collect([a.id, toString(a.createdAt), a.status, a.origin]) AS agents
                MATCH (c:Concept) WITH nodes, relationships, agents, c ORDER BY c.name
                RETURN nodes, relationships, agents,
                       collect([c.name, c.definition, c.aliases, c.uses, c.facts]) AS concepts
                """).fetch().one().orElseThrow();
    }

    private KafkaConsumer<String, String> consumer(String topic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "knowledge-graph-it-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new StringDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static List<ConsumerRecord<String, String>> poll(KafkaConsumer<String, String> consumer) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return records;
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private String metrics() throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort
                + "/actuator/prometheus")).GET()).body();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", "application/json").GET());
    }

    /** A write as an operator with the graph:write scope. */
    private HttpResponse<String> post(String path, String body, String contentType)
            throws IOException, InterruptedException {
        return post(path, body, contentType, TestTokens.admin());
    }

    private HttpResponse<String> post(String path, String body, String contentType, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        return send((token != null) ? request.header("Authorization", "Bearer " + token) : request);
    }

    private HttpResponse<String> delete(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).DELETE();
        return send((token != null) ? request.header("Authorization", "Bearer " + token) : request);
    }

    private static void assertProblem(HttpResponse<String> response, int status) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(response.body()).path("status").asInt()).isEqualTo(status);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.");
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + this.port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
