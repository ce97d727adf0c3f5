package io.myriad.orchestrator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.myriad.contracts.graph.AgentType;
import io.myriad.contracts.reminder.RemindCommand;
import io.myriad.testsupport.JwtKeys;
import io.myriad.testsupport.RealKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.utils.ContainerTestUtils;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

/**
 * The orchestrator's pipeline against a real Kafka broker. The services it talks to are stand-ins inside this
 * test: {@link FleetStubs} plays the Kafka sides of the input-processor, agents, output-processor and
 * reminder-service, {@link GraphDbStub} the graphdb-manager's registry over HTTP. The fleet tests run the real
 * services.
 */
// Discovery asked every time: these tests count and inspect each call the registry gets.
@SpringBootTest(webEnvironment = RANDOM_PORT,
        properties = { "management.server.port=0", "myriad.orchestrator.discovery-cache-ttl=0" })
@RealKafka
@Import(FleetStubs.class)
class QueryPipelineIT {

    private static final Duration TASK_DEADLINE = Duration.ofSeconds(2);

    /** Slack for a loaded 2-core machine on top of the deadline: Kafka round trips, parse and compose. */
    private static final Duration MARGIN = Duration.ofMillis(1500);

    private static final GraphDbStub GRAPHDB = GraphDbStub.start();

    /** Who asks, unless a test says otherwise. */
    private static final String ASKER = "ada";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static {
        GRAPHDB.seed("fact-base-lightbulb", AgentType.FACT_BASE, "lightbulb", 0.3);
        GRAPHDB.seed("definition-lightbulb", AgentType.DEFINITION, "lightbulb", 0.9);
        GRAPHDB.seed(FleetStubs.SILENT + "gramophone", AgentType.DEFINITION, "gramophone", 0.9);
        GRAPHDB.failDiscoveryOf("kraken");
    }

    @DynamicPropertySource
    static void graphDb(DynamicPropertyRegistry properties) {
        properties.add("myriad.graphdb.url", GRAPHDB::url);
        TestTokens.register(properties);
    }

    @AfterAll
    static void stopGraphDb() {
        GRAPHDB.close();
    }

    @LocalServerPort
    private int port;

    @LocalManagementPort
    private int managementPort;

    @Autowired
    private FleetStubs fleet;

    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    @BeforeEach
    void stubsListen() {
        for (MessageListenerContainer container : this.listeners.getListenerContainers()) {
            ContainerTestUtils.waitForAssignment(container, 3);
        }
    }

    @Test
    void answersAQuestionWithTheComposedAnswerAndItsContributions() throws Exception {
        HttpResponse<String> response = ask("{\"text\": \"What is a lightbulb?\", \"format\": \"markdown\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.path("status").asString()).isEqualTo("answered");
        assertThat(answer.path("intent").asString()).isEqualTo("define");
        assertThat(answer.path("format").asString()).isEqualTo("markdown");
        assertThat(answer.path("partial").asBoolean()).isFalse();
        assertThat(answer.path("question").asString()).isEqualTo("What is a lightbulb?");
        // The strongest agent got the task, and the output-processor's answer comes back as it composed it.
        assertThat(answer.path("answer").asString()).isEqualTo("A lightbulb is a thing definition-lightbulb knows.");
        assertThat(answer.path("concepts").valueStream().map(JsonNode::asString)).containsExactly("lightbulb");
        JsonNode agent = answer.path("agents").get(0);
        assertThat(answer.path("agents").size()).isEqualTo(1);
        assertThat(agent.path("agentId").asString()).isEqualTo("definition-lightbulb");
        assertThat(agent.path("status").asString()).isEqualTo("answered");
        assertThat(agent.path("intent").asString()).isEqualTo("define");
        assertThat(answer.path("reminder").isNull()).isTrue();
        assertThat(answer.path("traceId").asString()).matches("[0-9a-f]{32}");
    }

    @Test
    void carriesTheAnswersTraceIdOnTheParseRequest() throws Exception {
        JsonNode answer = JSON.readTree(ask("{\"text\": \"What is a lightbulb?\"}").body());

        String queryId = answer.path("queryId").asString();
        String traceparent = this.fleet.traceparents().get(queryId);
        assertThat(traceparent).startsWith("00-" + answer.path("traceId").asString() + "-");
    }

    @Test
    void returnsAStoredResultById() throws Exception {
        String asked = ask("{\"text\": \"What is a lightbulb?\", \"zone\": \"Europe/Paris\"}").body();
        String queryId = JSON.readTree(asked).path("queryId").asString();

        HttpResponse<String> fetched = get("/api/v1/queries/" + queryId);
        HttpResponse<String> unknown = get("/api/v1/queries/no-such-query");

        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(fetched.body())).isEqualTo(JSON.readTree(asked));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void hidesAQueryFromEveryoneButTheUserWhoAskedIt() throws Exception {
        String queryId = JSON.readTree(ask("{\"text\": \"What is a lightbulb?\"}").body()).path("queryId").asString();

        HttpResponse<String> someoneElses = get("/api/v1/queries/" + queryId, TestTokens.forUser("mallory"));
        HttpResponse<String> unknown = get("/api/v1/queries/no-such-query", TestTokens.forUser("mallory"));

        // The same answer as for an id that never existed, so that another user's ids cannot be confirmed.
        assertThat(someoneElses.statusCode()).isEqualTo(404);
        assertProblem(someoneElses);
        assertThat(JSON.readTree(someoneElses.body()).path("title"))
                .isEqualTo(JSON.readTree(unknown.body()).path("title"));
        assertThat(someoneElses.body()).doesNotContain("lightbulb");
    }

    @Test
    void refusesARequestWithoutAValidTokenWithAProblem() throws Exception {
        double parsesBefore = metric("orchestrator_stage_duration_seconds_count", "stage=\"parse\"");
        String body = "{\"text\": \"What is a lightbulb?\"}";
        JwtKeys stranger = JwtKeys.generate();
        List<BadInput> cases = List.of(
                new BadInput("no token", post("/api/v1/queries", BodyPublishers.ofString(body), "application/json",
                        null), 401),
                new BadInput("a token signed by another key", post("/api/v1/queries", BodyPublishers.ofString(body),
                        "application/json", stranger.token(TestTokens.ISSUER, List.of(TestTokens.AUDIENCE), "ada",
                                null, Duration.ofMinutes(5))), 401),
                new BadInput("a token for the reminders only", post("/api/v1/queries",
                        BodyPublishers.ofString(body), "application/json", TestTokens.USERS.token(TestTokens.ISSUER,
                                List.of("myriad-reminders"), "ada", null, Duration.ofMinutes(5))), 401),
                new BadInput("an expired token", post("/api/v1/queries", BodyPublishers.ofString(body),
                        "application/json", TestTokens.USERS.token(TestTokens.ISSUER, List.of(TestTokens.AUDIENCE),
                                "ada", null, Duration.ofMinutes(-5))), 401),
                new BadInput("not a token", post("/api/v1/queries", BodyPublishers.ofString(body),
                        "application/json", "not-a-jwt"), 401));

        for (BadInput bad : cases) {
            HttpResponse<String> response = send(bad.request().build());

            assertThat(response.statusCode()).as(bad.name() + ": " + response.body()).isEqualTo(bad.status());
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(bad.name())
                    .hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
            assertProblem(response);
        }
        HttpResponse<String> read = get("/api/v1/queries/no-such-query", null);
        assertThat(read.statusCode()).isEqualTo(401);
        assertProblem(read);
        assertThat(metric("orchestrator_stage_duration_seconds_count", "stage=\"parse\"")).isEqualTo(parsesBefore);
    }

    @Test
    void answersPartiallyWithinTheDeadlineWhenAnAgentNeverAnswers() throws Exception {
        double timedOutBefore = metric("orchestrator_task_failure_total", "reason=\"timed_out\"");
        double successBefore = metric("orchestrator_task_success_total", "");
        double partialBefore = metric("orchestrator_queries_total", "status=\"partial\"");

        long start = System.nanoTime();
        HttpResponse<String> response = ask("{\"text\": \"What are a lightbulb and a gramophone?\"}");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.path("status").asString()).isEqualTo("partial");
        assertThat(answer.path("partial").asBoolean()).isTrue();
        assertThat(answer.path("answer").asString()).contains("lightbulb").doesNotContain("gramophone");
        assertThat(answer.path("agents").valueStream().map(agent -> agent.path("agentId").asString() + ":"
                + agent.path("status").asString()))
                .containsExactly("definition-lightbulb:answered", "silent-gramophone:timed_out");
        assertThat(took).isLessThan(TASK_DEADLINE.plus(MARGIN));
        assertThat(metric("orchestrator_task_failure_total", "reason=\"timed_out\"")).isEqualTo(timedOutBefore + 1);
        assertThat(metric("orchestrator_task_success_total", "")).isEqualTo(successBefore + 1);
        assertThat(metric("orchestrator_queries_total", "status=\"partial\"")).isEqualTo(partialBefore + 1);
        // The two discoveries ran on threads of their own, in the query's trace.
        String traceId = answer.path("traceId").asString();
        assertThat(GRAPHDB.discoveryTraceparent("lightbulb")).isNotNull();
        assertThat(GRAPHDB.discoveryTraceparent("gramophone")).startsWith("00-" + traceId + "-");
    }

    @Test
    void failsOnlyTheTaskWhoseDiscoveryFailed() throws Exception {
        double errorsBefore = metric("orchestrator_agent_discovery_total", "status=\"error\"");
        double failedBefore = metric("orchestrator_task_failure_total", "reason=\"failed\"");

        HttpResponse<String> response = ask("{\"text\": \"What are a lightbulb and a kraken?\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.path("status").asString()).isEqualTo("partial");
        assertThat(answer.path("answer").asString()).contains("lightbulb");
        assertThat(answer.path("agents").valueStream().map(agent -> agent.path("concept").asString() + ":"
                + agent.path("status").asString()))
                .containsExactly("lightbulb:answered", "kraken:failed");
        assertThat(metric("orchestrator_agent_discovery_total", "status=\"error\"")).isEqualTo(errorsBefore + 1);
        assertThat(metric("orchestrator_task_failure_total", "reason=\"failed\"")).isEqualTo(failedBefore + 1);
        assertThat(GRAPHDB.creationsFor("kraken")).isEmpty();
    }

    @Test
    void exposesQueryAndStageLatencyAsHistogramsWithTheFleetsBuckets() throws Exception {
        ask("{\"text\": \"What is a lightbulb?\"}");

        for (String le : List.of("0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0",
                "10.0", "+Inf")) {
            assertThat(metric("orchestrator_query_duration_seconds_bucket", "le=\"" + le + "\"")).as(le)
                    .isGreaterThanOrEqualTo(0);
            for (String stage : List.of("parse", "discover", "neurogenesis", "dispatch", "synthesize")) {
                assertThat(metric("orchestrator_stage_duration_seconds_bucket",
                        "le=\"" + le + "\"", "stage=\"" + stage + "\"")).as(stage + " " + le).isGreaterThanOrEqualTo(0);
            }
        }
        assertThat(metric("orchestrator_query_duration_seconds_count", "")).isPositive();
    }

    @Test
    void growsExactlyOneAgentForAConceptNoAgentHandles() throws Exception {
        double grownBefore = metric("orchestrator_neurogenesis_total", "");
        double noneBefore = metric("orchestrator_agent_discovery_total", "status=\"none\"");

        HttpResponse<String> response = ask("{\"text\": \"What is a zeppelin?\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.path("status").asString()).isEqualTo("answered");
        assertThat(answer.path("agents").get(0).path("agentId").asString()).isEqualTo("fact-base-zeppelin");
        assertThat(GRAPHDB.creationsFor("zeppelin")).singleElement().satisfies(request -> {
            assertThat(request.type()).isEqualTo(AgentType.FACT_BASE);
            assertThat(request.origin()).isEqualTo("neurogenesis");
        });
        // It asked as the orchestrator, with a token the graphdb-manager verifies with the services' public key.
        String authorization = GRAPHDB.creationAuthorization("zeppelin");
        assertThat(authorization).startsWith("Bearer ");
        Jwt token = servicesDecoder().decode(authorization.substring("Bearer ".length()));
        assertThat(token.getSubject()).isEqualTo("orchestrator");
        assertThat(token.getClaimAsString("iss")).isEqualTo("myriad-services");
        assertThat(token.getAudience()).containsExactly("myriad-graph");
        assertThat(token.getClaimAsString("scope")).isEqualTo("graph:write");
        assertThat(token.getExpiresAt()).isBefore(Instant.now().plus(Duration.ofMinutes(6)));
        assertThat(metric("orchestrator_neurogenesis_total", "")).isEqualTo(grownBefore + 1);
        assertThat(metric("orchestrator_agent_discovery_total", "status=\"none\"")).isEqualTo(noneBefore + 1);
    }

    @Test
    void publishesARemindCommandForAReminderAndDispatchesNoTask() throws Exception {
        double dispatchesBefore = metric("orchestrator_stage_duration_seconds_count", "stage=\"dispatch\"");
        double discoveriesBefore = metric("orchestrator_stage_duration_seconds_count", "stage=\"discover\"");

        HttpResponse<String> response = send(post("/api/v1/queries",
                BodyPublishers.ofString("{\"text\": \"Remind me to replace the lightbulb tomorrow at 9\", "
                        + "\"zone\": \"Europe/Paris\"}"), "application/json", TestTokens.forUser("alice")).build());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.path("status").asString()).isEqualTo("reminder");
        assertThat(answer.path("reminder").path("message").asString()).isEqualTo("replace the lightbulb");
        assertThat(answer.path("answer").asString()).contains("replace the lightbulb");
        String queryId = answer.path("queryId").asString();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.fleet.remindCommands)
                .filteredOn(record -> record.value().queryId().equals(queryId))
                .singleElement()
                .satisfies(record -> {
                    assertThat(record.key()).isEqualTo("alice");
                    RemindCommand command = record.value();
                    assertThat(command.userId()).isEqualTo("alice");
                    assertThat(command.reminder().zone()).isEqualTo("Europe/Paris");
                    assertThat(command.reminder().expression()).isEqualTo("tomorrow at 9");
                }));
        assertThat(metric("orchestrator_stage_duration_seconds_count", "stage=\"dispatch\""))
                .isEqualTo(dispatchesBefore);
        assertThat(metric("orchestrator_stage_duration_seconds_count", "stage=\"discover\""))
                .isEqualTo(discoveriesBefore);
        assertThat(this.fleet.tasks).noneMatch(task -> task.queryId().equals(queryId));
        assertThat(this.fleet.composeRequests).noneMatch(request -> request.queryId().equals(queryId));
    }

    @Test
    void refusesAReminderTheReminderServiceWouldDropAtOnceAndSendsNoCommand() throws Exception {
        double rejectedBefore = metric("orchestrator_queries_total", "status=\"rejected\"");
        Map<String, String> refusals = Map.of(
                "remind me tomorrow at 9", "message must not be blank",
                "Remind me to stretch every 9999 weeks", "recurrence.interval must be between 1 and 10000",
                "Remind me to do it whenever", "dueAt must be given");

        for (Map.Entry<String, String> refusal : refusals.entrySet()) {
            HttpResponse<String> response = send(post("/api/v1/queries",
                    BodyPublishers.ofString("{\"text\": \"" + refusal.getKey() + "\", \"zone\": \"Europe/Paris\"}"),
                    "application/json", TestTokens.forUser("bob")).build());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
            assertProblem(response);
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.path("type").asString()).isEqualTo("https://myriad.example/problems/invalid-reminder");
            assertThat(problem.path("errors").toString()).contains(refusal.getValue());
            assertThat(problem.path("detail").asString()).contains(refusal.getValue());
            assertThat(response.body()).doesNotContain("io.myriad").doesNotContain("ReminderSpec");
            String queryId = problem.path("queryId").asString();
            assertThat(JSON.readTree(get("/api/v1/queries/" + queryId, TestTokens.forUser("bob")).body())
                    .path("status").asString()).isEqualTo("rejected");
        }
        // A valid reminder asked after them reaches the topic: had any of those been sent, it would be there too.
        HttpResponse<String> valid = send(post("/api/v1/queries",
                BodyPublishers.ofString("{\"text\": \"Remind me to replace the lightbulb tomorrow at 9\"}"),
                "application/json", TestTokens.forUser("bob")).build());
        assertThat(valid.statusCode()).as(valid.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.fleet.remindCommands)
                .anyMatch(record -> record.key().equals("bob")));
        assertThat(this.fleet.remindCommands).filteredOn(record -> record.key().equals("bob")).singleElement()
                .satisfies(record -> assertThat(record.value().reminder().message()).isEqualTo("replace the lightbulb"));
        assertThat(metric("orchestrator_queries_total", "status=\"rejected\""))
                .isEqualTo(rejectedBefore + refusals.size());
    }

    @Test
    void answersServiceUnavailableAndCountsAFailureWhenTheInputProcessorIsSilent() throws Exception {
        double failedBefore = metric("orchestrator_queries_total", "status=\"failed\"");

        HttpResponse<String> response = ask("{\"text\": \"Is anyone parsing this?\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertProblem(response);
        String queryId = JSON.readTree(response.body()).path("queryId").asString();
        assertThat(JSON.readTree(get("/api/v1/queries/" + queryId).body()).path("status").asString())
                .isEqualTo("failed");
        assertThat(metric("orchestrator_queries_total", "status=\"failed\"")).isEqualTo(failedBefore + 1);
    }

    @Test
    void answersAProblemAndStillRecordsTheQueryWhenItFailsInsideTheOrchestrator() throws Exception {
        double failedBefore = metric("orchestrator_queries_total", "status=\"failed\"");

        HttpResponse<String> response = ask("{\"text\": \"What is a hole?\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
        assertProblem(response);
        assertThat(response.body()).doesNotContain("NullPointerException");
        String queryId = JSON.readTree(response.body()).path("queryId").asString();
        assertThat(JSON.readTree(get("/api/v1/queries/" + queryId).body()).path("status").asString())
                .isEqualTo("failed");
        assertThat(metric("orchestrator_queries_total", "status=\"failed\"")).isEqualTo(failedBefore + 1);
    }

    @Test
    void refusesBadInputWithAProblemAndWithoutAnyKafkaTraffic() throws Exception {
        double rejectedBefore = metric("orchestrator_queries_total", "status=\"rejected\"");
        double parsesBefore = metric("orchestrator_stage_duration_seconds_count", "stage=\"parse\"");
        List<BadInput> cases = List.of(
                new BadInput("empty text", json("{\"text\": \"\"}"), 400),
                new BadInput("blank text", json("{\"text\": \"  \\t \"}"), 400),
                new BadInput("no text", json("{\"format\": \"text\"}"), 400),
                new BadInput("text over 4 KiB", json("{\"text\": \"" + "a".repeat(4097) + "\"}"), 400),
                new BadInput("body over 16 KiB", json("{\"text\": \"" + "a".repeat(17_000) + "\"}"), 413),
                new BadInput("body over 16 KiB, chunked", post("/api/v1/queries", chunked("{\"text\": \""
                        + "a".repeat(17_000) + "\"}"), "application/json"), 413),
                new BadInput("body not JSON", json("What is a lightbulb?"), 400),
                new BadInput("body a JSON array", json("[\"What is a lightbulb?\"]"), 400),
                new BadInput("wrong content type",
                        post("/api/v1/queries", BodyPublishers.ofString("{\"text\": \"What is a lightbulb?\"}"),
                                "text/plain"), 415),
                new BadInput("unknown format", json("{\"text\": \"What is a lightbulb?\", \"format\": \"yaml\"}"),
                        400),
                new BadInput("unknown zone",
                        json("{\"text\": \"What is a lightbulb?\", \"zone\": \"Mars/Olympus_Mons\"}"), 400));

        for (BadInput bad : cases) {
            HttpResponse<String> response = send(bad.request().build());

            assertThat(response.statusCode()).as(bad.name() + ": " + response.body()).isEqualTo(bad.status());
            assertProblem(response);
        }
        // The two bodies over the limit are refused by the starter's request guard before the API sees them: they
        // count in http_server_requests{status="413"}, not as rejected queries.
        assertThat(metric("orchestrator_queries_total", "status=\"rejected\""))
                .isEqualTo(rejectedBefore + cases.size() - 2);
        assertThat(metric("orchestrator_stage_duration_seconds_count", "stage=\"parse\"")).isEqualTo(parsesBefore);
    }

    @Test
    void reportsTheRegistrysActiveAgentsAsAGauge() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(
                () -> assertThat(metric("orchestrator_active_agents", "")).isEqualTo(GraphDbStub.ACTIVE_AGENTS));
    }

    private static NimbusJwtDecoder servicesDecoder() throws IOException {
        Path key = Files.createTempFile("services", ".pub.pem");
        try {
            TestTokens.SERVICES.writePublicKey(key);
            try (InputStream pem = Files.newInputStream(key)) {
                return NimbusJwtDecoder.withPublicKey(RsaKeyConverters.x509().convert(pem)).build();
            }
        }
        finally {
            Files.delete(key);
        }
    }

    private record BadInput(String name, HttpRequest.Builder request, int status) {
    }

    private static void assertProblem(HttpResponse<String> response) throws IOException {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(response.statusCode());
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.myriad");
    }

    private HttpResponse<String> ask(String body) throws IOException, InterruptedException {
        return send(json(body).build());
    }

    private HttpRequest.Builder json(String body) {
        return post("/api/v1/queries", BodyPublishers.ofString(body), "application/json");
    }

    private HttpRequest.Builder post(String path, BodyPublisher body, String contentType) {
        return post(path, body, contentType, TestTokens.forUser(ASKER));
    }

    private HttpRequest.Builder post(String path, BodyPublisher body, String contentType, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
                .header("Content-Type", contentType)
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(15))
                .POST(body);
        return (token != null) ? request.header("Authorization", "Bearer " + token) : request;
    }

    private static BodyPublisher chunked(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(path, TestTokens.forUser(ASKER));
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(10));
        return send(((token != null) ? request.header("Authorization", "Bearer " + token) : request).build());
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The value of the one series of {@code name} whose labels contain all {@code labels}, as Prometheus scrapes it. */
    private double metric(String name, String... labels) throws IOException, InterruptedException {
        HttpResponse<String> scrape = send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + this.managementPort + "/actuator/prometheus"))
                .header("Accept", "text/plain")
                .timeout(Duration.ofSeconds(10))
                .build());
        Matcher series = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(scrape.body());
        Double value = null;
        while (series.find()) {
            if (Arrays.stream(labels).allMatch(series.group(1)::contains)) {
                assertThat(value).as("one series of " + name + " with " + Arrays.toString(labels)).isNull();
                value = Double.parseDouble(series.group(2));
            }
        }
        assertThat(value).as(name + Arrays.toString(labels) + " in\n" + scrape.body()).isNotNull();
        return value;
    }
}
