package io.myriad.fleet;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static io.myriad.fleet.LocalFleet.JSON;
import static io.myriad.fleet.LocalFleet.get;
import static io.myriad.fleet.LocalFleet.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real questions to the real fleet: the answers' content, one trace per query across the five pipeline services,
 * neurogenesis for a concept imported at run time, a partial answer while the agents are stopped, and problem
 * details for bad input.
 */
@ExtendWith(LocalFleet.Resolver.class)
class PipelineFleetIT {

    private static final Set<String> PIPELINE = Set.of("orchestrator", "input-processor", "graphdb-manager",
            "agents", "output-processor");

    /** Who asks the questions of these tests. */
    private static final String USER = "fleet-pipeline";

    private static LocalFleet fleet;

    @BeforeAll
    static void fleet(LocalFleet localFleet) {
        fleet = localFleet;
    }

    @Test
    void answersWhatALightbulbIsAndWhatItDoes() throws Exception {
        // given what the graph knows of the lightbulb
        JsonNode lightbulb = JSON.readTree(get(fleet.url("graphdb-manager") + "/api/v1/concepts/lightbulb").body());

        // when a user asks the question of the README
        JsonNode answer = ask("What is a lightbulb and what does it do?");

        // then the answer is whole, built by the lightbulb's definition and function agents from that knowledge
        assertThat(answer.path("status").asString()).as(answer.toString()).isEqualTo("answered");
        assertThat(answer.path("partial").asBoolean()).isFalse();
        assertThat(strings(answer.path("concepts"))).containsExactly("lightbulb");
        assertThat(answer.path("agents").valueStream().map((agent) -> agent.path("agentId").asString()))
                .containsExactlyInAnyOrder("definition-lightbulb", "function-lightbulb");
        assertThat(answer.path("agents").valueStream().map((agent) -> agent.path("status").asString()))
                .containsOnly("answered");
        String text = answer.path("answer").asString();
        assertThat(text).contains(lightbulb.path("definition").asString())
                .contains(strings(lightbulb.path("uses")).getFirst())
                .contains("definition-lightbulb")
                .contains("function-lightbulb");
        assertThat(answer.path("traceId").asString()).matches("[0-9a-f]{32}");

        // and it can be read again by its id
        JsonNode again = JSON.readTree(get(fleet.url("orchestrator") + "/api/v1/queries/"
                + answer.path("queryId").asString(), LocalFleet.userToken(USER)).body());
        assertThat(again.path("answer").asString()).isEqualTo(text);
    }

    @Test
    void rendersTheAnswerAsMarkdownAndAsJson() throws Exception {
        JsonNode markdown = ask("What does a lightbulb do?", "markdown");
        assertThat(markdown.path("answer").asString()).contains("#").contains("function-lightbulb");

        JsonNode json = ask("What does a lightbulb do?", "json");
        JsonNode document = JSON.readTree(json.path("answer").asString());
        assertThat(document.path("sections").valueStream().map((section) -> section.path("agent").asString()))
                .contains("function-lightbulb");
    }

    @Test
    void oneQueryIsOneTraceThroughAllFiveServicesLinkedAcrossKafka() throws Exception {
        // a concept no other test asks about, so the orchestrator has not remembered its agents (it does for 5 s)
        // and asks graphdb-manager
        JsonNode answer = ask("What is a kettle and what does it do?");
        String traceId = answer.path("traceId").asString();

        // spans arrive in Zipkin in batches from five processes: wait until every service's are there, and every
        // span's parent, so that the trace is whole: one root, no orphan
        List<JsonNode> spans = await("a whole trace " + traceId + " with spans from " + PIPELINE)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> trace(traceId), (found) -> services(found).containsAll(PIPELINE) && whole(found));

        Map<String, JsonNode> byId = spans.stream()
                .collect(Collectors.toMap((span) -> span.path("id").asString(), Function.identity(), (a, b) -> a));
        // every Kafka hop to a pipeline service is a consumer span whose parent is the orchestrator's producer span
        for (String consumer : List.of("input-processor", "agents", "output-processor")) {
            assertThat(spans).as("%s consumed a record the orchestrator produced, in this trace", consumer)
                    .anySatisfy((span) -> {
                        assertThat(serviceOf(span)).isEqualTo(consumer);
                        assertThat(span.path("kind").asString()).isEqualTo("CONSUMER");
                        JsonNode parent = byId.get(span.path("parentId").asString());
                        assertThat(parent).isNotNull();
                        assertThat(serviceOf(parent)).isEqualTo("orchestrator");
                        assertThat(parent.path("kind").asString()).isEqualTo("PRODUCER");
                    });
        }
        // and the replies come back into the same trace
        assertThat(spans).anySatisfy((span) -> {
            assertThat(serviceOf(span)).isEqualTo("orchestrator");
            assertThat(span.path("kind").asString()).isEqualTo("CONSUMER");
        });
        // with graphdb-manager reached over HTTP
        assertThat(spans).anySatisfy((span) -> {
            assertThat(serviceOf(span)).isEqualTo("graphdb-manager");
            assertThat(span.path("kind").asString()).isEqualTo("SERVER");
        });
    }

    @Test
    void aConceptImportedAtRunTimeGetsAnAgentByNeurogenesisAndAnAnswer() throws Exception {
        // given a concept the fleet has never seen, imported while it runs
        String name = "glimmerwick" + letters(6);
        String definition = "A " + name + " is a pocket lantern that glows when it is shaken.";
        HttpResponse<String> imported = post(fleet.url("graphdb-manager") + "/api/v1/concepts", "application/json",
                JSON.writeValueAsString(List.of(Map.of("name", name, "definition", definition,
                        "uses", List.of("It lights a path at night without batteries."),
                        "facts", List.of("It was imported by a fleet test."),
                        "relations", List.of(Map.of("type", "RELATED_TO", "target", "lamp"))))),
                LocalFleet.adminToken());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        double neurogenesisBefore = fleet.metric("orchestrator", "orchestrator_neurogenesis_total");

        // when a user asks about it (the input-processor learns the name from the import's event)
        JsonNode answer = await("an answer about " + name).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> ask("What is a " + name + "?"),
                        (candidate) -> strings(candidate.path("concepts")).contains(name));

        // then a new agent of the neurogenesis kind answered it, from the imported knowledge
        assertThat(answer.path("status").asString()).as(answer.toString()).isEqualTo("answered");
        JsonNode agent = answer.path("agents").get(0);
        assertThat(agent.path("agentId").asString()).isEqualTo("fact-base-" + name);
        assertThat(answer.path("answer").asString()).contains(definition);
        JsonNode registered = JSON.readTree(
                get(fleet.url("graphdb-manager") + "/api/v1/agents/fact-base-" + name).body());
        assertThat(registered.path("origin").asString()).isEqualTo("neurogenesis");
        assertThat(fleet.metric("orchestrator", "orchestrator_neurogenesis_total")).isGreaterThan(neurogenesisBefore);

        // and the next question goes to that agent without creating another
        double neurogenesisAfter = fleet.metric("orchestrator", "orchestrator_neurogenesis_total");
        JsonNode second = ask("What does a " + name + " do?");
        assertThat(second.path("agents").get(0).path("agentId").asString()).isEqualTo("fact-base-" + name);
        assertThat(fleet.metric("orchestrator", "orchestrator_neurogenesis_total")).isEqualTo(neurogenesisAfter);
    }

    @Test
    void answersPartiallyAndInTimeWhileTheAgentsAreStopped() throws Exception {
        long agents = fleet.service("agents").path("pid").asLong();
        signal("STOP", agents);
        try {
            // when a user asks while no agent can answer
            long started = System.nanoTime();
            JsonNode answer = ask("What is a lightbulb and what does it do?");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            // then the answer comes back within the deadline, marked partial, saying what is missing
            assertThat(answer.path("status").asString()).as(answer.toString()).isEqualTo("partial");
            assertThat(answer.path("partial").asBoolean()).isTrue();
            assertThat(answer.path("agents").valueStream().map((agent) -> agent.path("status").asString()))
                    .containsOnly("timed_out");
            assertThat(millis).as("answered within the task deadline plus the other stages").isLessThan(8000);
        }
        finally {
            signal("CONT", agents);
        }
        // and once the agents run again, answers are whole again
        await("whole answers after the agents resume").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> ask("What is a lightbulb?").path("status").asString(), "answered"::equals);
    }

    @Test
    void refusesBadInputWithProblemDetails() throws Exception {
        String queries = fleet.url("orchestrator") + "/api/v1/queries";
        String token = LocalFleet.userToken(USER);
        assertProblem(post(queries, "application/json", "{\"text\":\"\"}", token), 400);
        assertProblem(post(queries, "application/json", "{\"text\":\"" + "a".repeat(4097) + "\"}", token), 400);
        assertProblem(post(queries, "application/json", "this is not json", token), 400);
        assertProblem(post(queries, "text/plain", "What is a lightbulb?", token), 415);
        assertProblem(post(queries, "application/json", "{\"text\":\"What is a lamp?\",\"format\":\"pdf\"}",
                token), 400);
        assertProblem(get(queries + "/no-such-query", token), 404);
        // and a rejected import leaves nothing behind
        String name = "rejectedthing" + letters(6);
        HttpResponse<String> rejected = post(fleet.url("graphdb-manager") + "/api/v1/concepts", "application/json",
                JSON.writeValueAsString(List.of(Map.of("name", name, "definition", "A thing that is fine."),
                        Map.of("name", "", "definition", "A thing without a name."))), LocalFleet.adminToken());
        assertProblem(rejected, 400);
        assertThat(get(fleet.url("graphdb-manager") + "/api/v1/concepts/" + name).statusCode()).isEqualTo(404);
    }

    @Test
    void myriadAskPrintsTheAnswerAndItsTraceId() throws Exception {
        Process ask = new ProcessBuilder("./myriad", "ask", "What is a lightbulb?").directory(LocalFleet.ROOT.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(ask.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ask.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ask.exitValue()).as(output).isZero();
        assertThat(output).contains("definition-lightbulb").containsPattern("trace: [0-9a-f]{32}");
    }

    private static JsonNode ask(String question) throws IOException, InterruptedException {
        return ask(question, "text");
    }

    private static JsonNode ask(String question, String format) throws IOException, InterruptedException {
        HttpResponse<String> response = post(fleet.url("orchestrator") + "/api/v1/queries", "application/json",
                JSON.writeValueAsString(Map.of("text", question, "format", format)), LocalFleet.userToken(USER));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                (type) -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static List<JsonNode> trace(String traceId) throws IOException, InterruptedException {
        HttpResponse<String> response = get(fleet.zipkin() + "/api/v2/trace/" + traceId);
        return (response.statusCode() == 200) ? JSON.readTree(response.body()).valueStream().toList() : List.of();
    }

    /** One root span, and every other span's parent in the trace. */
    private static boolean whole(List<JsonNode> spans) {
        Set<String> ids = spans.stream().map((span) -> span.path("id").asString()).collect(Collectors.toSet());
        long roots = spans.stream().filter((span) -> span.path("parentId").isMissingNode()).count();
        return roots == 1 && spans.stream()
                .filter((span) -> !span.path("parentId").isMissingNode())
                .allMatch((span) -> ids.contains(span.path("parentId").asString()));
    }

    private static Set<String> services(List<JsonNode> spans) {
        return spans.stream().map(PipelineFleetIT::serviceOf).filter(Objects::nonNull).collect(Collectors.toSet());
    }

    private static String serviceOf(JsonNode span) {
        return span.path("localEndpoint").path("serviceName").asString();
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    private static String letters(int count) {
        StringBuilder letters = new StringBuilder();
        ThreadLocalRandom.current().ints(count, 'a', 'z' + 1).forEach((c) -> letters.append((char) c));
        return letters.toString();
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -%s %d", signal, pid).isZero();
    }
}
