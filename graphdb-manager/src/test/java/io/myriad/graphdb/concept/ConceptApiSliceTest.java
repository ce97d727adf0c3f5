package io.myriad.graphdb.concept;

import java.util.List;
import java.util.Optional;

import io.myriad.contracts.graph.ConceptKnowledge;
import io.myriad.contracts.graph.ConceptName;
import io.myriad.graphdb.ApiSlice;
import io.myriad.graphdb.TestTokens;
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
 * The concept API's HTTP contract on its own: reads open to the fleet by canonical name, an import's answer and its
 * refusal naming each bad item, and who may import. The real security chain checks real tokens; only the graph and
 * the importer, which need Neo4j and Kafka ({@code KnowledgeGraphIT} runs them), stand in.
 */
@ApiSlice(ConceptController.class)
class ConceptApiSliceTest {

    private static final String LAMP = "[{\"name\": \"Lamp\", \"definition\": \"A device that gives light.\"}]";

    @DynamicPropertySource
    static void tokens(DynamicPropertyRegistry properties) {
        TestTokens.register(properties);
    }

    @Autowired
    private MockMvcTester mvc;

    @MockitoBean
    private ConceptGraph graph;

    @MockitoBean
    private ConceptImporter importer;

    @Test
    void givesTheConceptNamesToACallerWithoutAToken() {
        given(this.graph.names()).willReturn(List.of(new ConceptName("lightbulb", List.of("light bulb"))));

        assertThat(this.mvc.get().uri("/api/v1/concepts/names")).hasStatusOk()
                .bodyJson().extractingPath("$[0].aliases[0]").isEqualTo("light bulb");
    }

    @Test
    void looksAConceptUpByItsCanonicalName() {
        given(this.graph.knowledge("light bulb")).willReturn(Optional.of(new ConceptKnowledge("lightbulb",
                List.of("light bulb"), "A device that makes light from electricity.", List.of(), List.of(), List.of())));

        assertThat(this.mvc.get().uri("/api/v1/concepts/{name}", " Light  BULB ")).hasStatusOk()
                .bodyJson().extractingPath("$.definition").isEqualTo("A device that makes light from electricity.");
    }

    @Test
    void answersAConceptThatIsNotThereWithA404ProblemNamingItCanonically() {
        given(this.graph.knowledge("atlantis")).willReturn(Optional.empty());

        assertThat(this.mvc.get().uri("/api/v1/concepts/ATLANTIS")).hasStatus(404)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.detail").isEqualTo("No concept named 'atlantis'");
    }

    @Test
    void answers201WithWhatTheImportWrote() {
        given(this.importer.importConcepts(any())).willAnswer(call -> {
            List<ConceptInput> batch = call.getArgument(0);
            return new ConceptImporter.ImportResult(batch.size(), batch.stream().map(ConceptInput::name).toList());
        });

        var response = assertThat(importConcepts(TestTokens.admin(), LAMP)).hasStatus(201);
        response.bodyJson().extractingPath("$.imported").isEqualTo(1);
        response.bodyJson().extractingPath("$.names[0]").isEqualTo("Lamp");
    }

    @Test
    void refusesAnInvalidImportWithAProblemNamingEachBadItemAndField() {
        given(this.importer.importConcepts(any())).willThrow(new InvalidConceptsException(
                "1 of 1 concepts are invalid; nothing was imported",
                List.of(new ItemError(0, "definition", "must not be blank"))));

        var response = assertThat(importConcepts(TestTokens.admin(), "[{\"name\": \"lamp\"}]")).hasStatus(400)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.bodyJson().extractingPath("$.title").isEqualTo("Invalid concepts");
        response.bodyJson().extractingPath("$.detail").isEqualTo("1 of 1 concepts are invalid; nothing was imported");
        response.bodyJson().extractingPath("$.errors[0].index").isEqualTo(0);
        response.bodyJson().extractingPath("$.errors[0].field").isEqualTo("definition");
        response.bodyJson().extractingPath("$.errors[0].message").isEqualTo("must not be blank");
    }

    @Test
    void refusesAnImportWithoutAToken() {
        assertThat(this.mvc.post().uri("/api/v1/concepts").contentType(MediaType.APPLICATION_JSON).content(LAMP))
                .hasStatus(401).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void refusesAnImportWithATokenThatMayOnlyRead() {
        assertThat(importConcepts(TestTokens.reader(), LAMP)).hasStatus(403)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void answersABatchThatIsNotAnArrayWithA400Problem() {
        assertThat(importConcepts(TestTokens.admin(), "{\"name\": \"lamp\"}")).hasStatus(400)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private MvcTestResult importConcepts(String token, String body) {
        return this.mvc.post().uri("/api/v1/concepts").header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }
}
