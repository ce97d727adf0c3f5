package io.myriad.graphdb.agent;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.myriad.contracts.Topics;
import io.myriad.contracts.graph.AgentDescriptor;
import io.myriad.contracts.graph.AgentType;
import io.myriad.contracts.graph.CreateAgentRequest;
import io.myriad.contracts.query.Intent;
import io.myriad.graphdb.ApiSlice;
import io.myriad.graphdb.TestTokens;
import io.myriad.graphdb.events.EventNotPublishedException;
import io.myriad.graphdb.web.BadRequestException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;

/**
 * The agent API's HTTP contract on its own: how discovery reads its parameters, what a caller gets back for an agent
 * that is not there, which status a creation answers, and who may create. The real security chain checks real
 * tokens; only the registry and the creation service, which need Neo4j and Kafka ({@code KnowledgeGraphIT} runs
 * them), stand in.
 */
@ApiSlice(AgentController.class)
class AgentApiSliceTest {

    private static final AgentDescriptor LIGHTBULB_DEFINITION = new AgentDescriptor("definition-lightbulb",
            AgentType.DEFINITION, "lightbulb", "active", "seed", Instant.parse("2026-01-01T00:00:00Z"), 1.0);

    private static final String CREATE_BODY = "{\"concept\": \"lightbulb\", \"type\": \"DEFINITION\"}";

    @DynamicPropertySource
    static void tokens(DynamicPropertyRegistry properties) {
        TestTokens.register(properties);
    }

    @Autowired
    private MockMvcTester mvc;

    @Autowired
    private MeterRegistry meters;

    @MockitoBean
    private AgentRegistry registry;

    @MockitoBean
    private AgentCreation creation;

    @Test
    void discoversTheAgentsOfTheCanonicalConceptForAnIntentInAnyCaseWithoutAToken() {
        // given the registry knows the concept only by its canonical name and the intent only as the enum
        given(this.registry.discover("light bulb", Intent.DEFINE)).willReturn(List.of(LIGHTBULB_DEFINITION));
        long timedBefore = timed("discover");

        // when a caller writes both as a person would, with no token
        MvcTestResult result = this.mvc.get()
                .uri("/api/v1/agents/discovery?concept={concept}&intent={intent}", "  Light   Bulb ", " Define")
                .exchange();

        // then it gets the agents, and the lookup is timed
        assertThat(result).hasStatusOk().bodyJson().extractingPath("$[0].id").isEqualTo("definition-lightbulb");
        assertThat(timed("discover")).isEqualTo(timedBefore + 1);
    }

    @Test
    void refusesAnIntentItDoesNotKnowWithAProblemListingTheOnesItDoes() {
        MvcTestResult result = this.mvc.get()
                .uri("/api/v1/agents/discovery?concept=lightbulb&intent=teleport").exchange();

        assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.detail")
                .isEqualTo("intent must be one of define, function, relate, compare, remind, unknown");
    }

    @Test
    void asksForTheConceptWhenDiscoveryLeavesItOut() {
        MvcTestResult result = this.mvc.get().uri("/api/v1/agents/discovery?intent=define").exchange();

        assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.detail").asString().contains("concept");
    }

    @Test
    void findsAnAgentByItsIdWrittenInAnyCase() {
        given(this.registry.byId("definition-lightbulb")).willReturn(Optional.of(LIGHTBULB_DEFINITION));

        assertThat(this.mvc.get().uri("/api/v1/agents/Definition-LightBulb")).hasStatusOk()
                .bodyJson().extractingPath("$.concept").isEqualTo("lightbulb");
    }

    @Test
    void answersAnAgentThatIsNotThereWithA404Problem() {
        given(this.registry.byId("definition-atlantis")).willReturn(Optional.empty());

        assertThat(this.mvc.get().uri("/api/v1/agents/definition-atlantis")).hasStatus(404)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.detail").isEqualTo("No agent with id 'definition-atlantis'");
    }

    @Test
    void answers201ForANewAgentAnd200ForOneTheConceptAlreadyHad() {
        given(this.creation.create(new CreateAgentRequest("lightbulb", AgentType.DEFINITION, null)))
                .willReturn(new AgentRegistry.RegisteredAgent(LIGHTBULB_DEFINITION, true))
                .willReturn(new AgentRegistry.RegisteredAgent(LIGHTBULB_DEFINITION, false));

        assertThat(create(TestTokens.admin(), CREATE_BODY)).hasStatus(201)
                .bodyJson().extractingPath("$.id").isEqualTo("definition-lightbulb");
        assertThat(create(TestTokens.orchestrator(), CREATE_BODY)).hasStatus(200)
                .bodyJson().extractingPath("$.id").isEqualTo("definition-lightbulb");
    }

    @Test
    void refusesToCreateAnAgentWithoutAToken() {
        assertThat(this.mvc.post().uri("/api/v1/agents").contentType(MediaType.APPLICATION_JSON)
                .content(CREATE_BODY)).hasStatus(401).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void refusesToCreateAnAgentWithATokenThatMayOnlyRead() {
        assertThat(create(TestTokens.reader(), CREATE_BODY)).hasStatus(403)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void refusesToCreateAnAgentWithATokenMeantForAnotherService() {
        assertThat(create(TestTokens.forAnotherAudience(), CREATE_BODY)).hasStatus(401);
    }

    @Test
    void answersARequestTheCreationCannotActOnWithA400Problem() {
        given(this.creation.create(any())).willThrow(new BadRequestException("concept is required"));

        assertThat(create(TestTokens.admin(), "{\"type\": \"DEFINITION\"}")).hasStatus(400)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.detail").isEqualTo("concept is required");
    }

    @Test
    void answers503WhenTheNewAgentCouldNotBeAnnounced() {
        given(this.creation.create(any()))
                .willThrow(new EventNotPublishedException(Topics.AGENT_LIFECYCLE, new IllegalStateException()));

        var response = assertThat(create(TestTokens.admin(), CREATE_BODY)).hasStatus(503);
        response.bodyJson().extractingPath("$.title").isEqualTo("Event not published");
        response.bodyJson().extractingPath("$.detail").isEqualTo("The change could not be announced on Kafka; retry later");
    }

    @Test
    void answersAnUnreadableBodyWithA400ProblemAndABodyThatIsNotJsonWith415() {
        assertThat(create(TestTokens.admin(), "{\"concept\": ")).hasStatus(400)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(this.mvc.post().uri("/api/v1/agents").header("Authorization", "Bearer " + TestTokens.admin())
                .contentType(MediaType.TEXT_PLAIN).content("lightbulb")).hasStatus(415);
    }

    private MvcTestResult create(String token, String body) {
        return this.mvc.post().uri("/api/v1/agents").header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    private long timed(String operation) {
        return this.meters.get("graphdb.query.duration").tag("operation", operation).timer().count();
    }
}
