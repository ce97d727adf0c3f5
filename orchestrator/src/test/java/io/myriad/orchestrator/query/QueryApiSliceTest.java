package io.myriad.orchestrator.query;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.myriad.contracts.reminder.ReminderViolation;
import io.myriad.observability.security.JwtSecurityAutoConfiguration;
import io.myriad.testsupport.JwtKeys;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;

/**
 * The query API's HTTP contract on its own: what reaches the pipeline, what a caller gets back for each way a query
 * can go wrong, and who may read an answer again. The real security chain checks real tokens; only the pipeline,
 * which needs Kafka and four services ({@code QueryPipelineIT} runs it), stands in.
 */
@WebMvcTest(controllers = QueryController.class)
// Spring Security's own test support for slices lives in a module this build does not use; the few
// auto-configurations a servlet resource server needs are named here instead.
@ImportAutoConfiguration({ SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
        SecurityFilterAutoConfiguration.class, JwtSecurityAutoConfiguration.class })
@Import({ QueryApiSliceTest.Collaborators.class, QueryProblems.class })
@ComponentScan(basePackages = "io.myriad.orchestrator.security", useDefaultFilters = false,
        includeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = ".*SecurityConfiguration"))
class QueryApiSliceTest {

    private static final JwtKeys USERS = JwtKeys.generate();

    @DynamicPropertySource
    static void tokens(DynamicPropertyRegistry properties) {
        properties.add("myriad.security.jwt.issuer", () -> "myriad-local");
        properties.add("myriad.security.jwt.audience", () -> "myriad-queries");
        properties.add("myriad.security.jwt.public-key-location", USERS::publicKeyLocation);
    }

    @Autowired
    private MockMvcTester mvc;

    @Autowired
    private QueryResults results;

    @Autowired
    private MeterRegistry meters;

    @MockitoBean
    private QueryPipeline pipeline;

    @Test
    void answersWithWhatThePipelineComposedForTheTokensSubject() {
        given(this.pipeline.answer(any())).willAnswer(call -> {
            Question question = call.getArgument(0);
            return answer("q-1", question.userId() + " asked " + question.text());
        });

        assertThat(ask("alice", "{\"text\": \"What is a lightbulb?\"}")).hasStatusOk()
                .bodyJson().extractingPath("$.answer").isEqualTo("alice asked What is a lightbulb?");
    }

    @Test
    void refusesAQuestionWithoutAToken() {
        assertThat(this.mvc.post().uri("/api/v1/queries").contentType(MediaType.APPLICATION_JSON)
                .content("{\"text\": \"What is a lightbulb?\"}")).hasStatus(401);
    }

    @Test
    void namesEveryInvalidFieldSortedAndCountsTheQueryAsRejected() {
        double before = rejected();

        assertThat(ask("alice", "{\"text\": \" \", \"format\": \"pdf\", \"zone\": \"Mars/Olympus\"}"))
                .hasStatus(400)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.errors").asArray()
                .hasSize(3)
                .isSortedAccordingTo(Comparator.comparing(Object::toString))
                .anySatisfy(error -> assertThat(error).asString().startsWith("format must be one of"))
                .anySatisfy(error -> assertThat(error).asString().startsWith("text must not be blank"))
                .anySatisfy(error -> assertThat(error).asString().startsWith("zone "));
        assertThat(rejected()).isEqualTo(before + 1);
    }

    @Test
    void answersAnUnreadableBodyWithAnExampleOfAReadableOne() {
        assertThat(ask("alice", "{\"text\": ")).hasStatus(400)
                .bodyJson().extractingPath("$.detail").asString().contains("{\"text\": \"What is a lightbulb?\"}");
    }

    @Test
    void refusesABodyThatIsNotJson() {
        assertThat(this.mvc.post().uri("/api/v1/queries").header("Authorization", bearer("alice"))
                .contentType(MediaType.TEXT_PLAIN).content("What is a lightbulb?")).hasStatus(415);
    }

    @Test
    void pointsAQueryThatLostAHopAtItsStoredAnswerAndTrace() {
        given(this.pipeline.answer(any())).willThrow(new QueryFailedException(answer("q-2", null),
                new HopUnavailableException("input-processor", new IllegalStateException("timed out"))));

        var response = assertThat(ask("alice", "{\"text\": \"What is a lightbulb?\"}")).hasStatus(503);
        response.bodyJson().extractingPath("$.instance").isEqualTo("/api/v1/queries/q-2");
        response.bodyJson().extractingPath("$.traceId").isEqualTo("trace-q-2");
        response.bodyJson().extractingPath("$.detail").asString()
                .isEqualTo("input-processor did not answer; please ask again.");
    }

    @Test
    void saysWhichRulesAReminderInAQuestionBreaks() {
        given(this.pipeline.answer(any())).willThrow(new ReminderRefusedException(answer("q-3", null),
                List.of(new ReminderViolation("dueAt", "must be in the future"))));

        var response = assertThat(ask("alice", "{\"text\": \"remind me yesterday to sleep\"}")).hasStatus(422);
        response.bodyJson().extractingPath("$.type").isEqualTo(QueryProblems.INVALID_REMINDER.toString());
        response.bodyJson().extractingPath("$.errors[0]").asString().contains("dueAt").contains("in the future");
    }

    @Test
    void givesAStoredAnswerBackOnlyToTheUserWhoAsked() {
        this.results.store(answer("q-4", "a lightbulb makes light"), "alice");

        assertThat(this.mvc.get().uri("/api/v1/queries/q-4").header("Authorization", bearer("alice")))
                .hasStatusOk().bodyJson().extractingPath("$.answer").isEqualTo("a lightbulb makes light");
        assertThat(this.mvc.get().uri("/api/v1/queries/q-4").header("Authorization", bearer("mallory")))
                .hasStatus(404).bodyJson().extractingPath("$.title").isEqualTo("Unknown query");
    }

    private org.springframework.test.web.servlet.assertj.MvcTestResult ask(String user, String body) {
        return this.mvc.post().uri("/api/v1/queries").header("Authorization", bearer(user))
                .contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    private static String bearer(String user) {
        return "Bearer " + USERS.token("myriad-local", List.of("myriad-queries"), user, null, Duration.ofMinutes(5));
    }

    private double rejected() {
        return this.meters.get("orchestrator.queries").tag("status", "rejected").counter().count();
    }

    private static QueryAnswer answer(String queryId, String text) {
        return new QueryAnswer(queryId, "trace-" + queryId, "What is a lightbulb?", "define", "answered", text,
                "text", false, List.of("lightbulb"), List.of(), List.of(), null, 12);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Collaborators {

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        QueryMetrics queryMetrics(MeterRegistry meters) {
            return new QueryMetrics(meters);
        }

        @Bean
        QueryResults queryResults() {
            return new QueryResults(10);
        }
    }
}
