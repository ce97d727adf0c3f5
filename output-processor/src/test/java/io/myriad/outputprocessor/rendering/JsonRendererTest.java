package io.myriad.outputprocessor.rendering;

import java.util.List;
import java.util.Map;

import io.myriad.contracts.query.Intent;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.myriad.outputprocessor.AgentResults.answered;
import static org.assertj.core.api.Assertions.assertThat;

class JsonRendererTest {

    private final JsonMapper json = JsonMapper.builder().build();

    private final JsonRenderer renderer = new JsonRenderer(this.json);

    @Test
    void writesTheQuestionAndOneSectionPerContributionCreditedToItsAgent() {
        JsonNode document = this.json.readTree(this.renderer.render(Compositions.lightbulb()));

        assertThat(document.path("question").asString()).isEqualTo("What is a lightbulb and what does it do?");
        assertThat(document.path("partial").asBoolean(true)).isFalse();
        assertThat(document.path("unknown").isArray()).isTrue();
        assertThat(document.path("unknown")).isEmpty();
        assertThat(document.has("message")).isFalse();
        JsonNode sections = document.path("sections");
        assertThat(sections).hasSize(2);
        assertThat(sections.get(0).path("concept").asString()).isEqualTo("lightbulb");
        assertThat(sections.get(0).path("intent").asString()).isEqualTo("define");
        assertThat(sections.get(0).path("text").asString()).isEqualTo("A lightbulb is an electric lamp.");
        assertThat(sections.get(0).path("agent").asString()).isEqualTo("definition-lightbulb");
        assertThat(sections.get(0).path("confidence").asDouble()).isEqualTo(0.92);
        assertThat(sections.get(0).path("status").asString()).isEqualTo("answered");
        assertThat(sections.get(1).path("intent").asString()).isEqualTo("function");
        assertThat(sections.get(1).path("agent").asString()).isEqualTo("function-lightbulb");
    }

    @Test
    void marksThePartialAnswerAndSaysWhichPartIsMissing() {
        JsonNode document = this.json.readTree(this.renderer.render(Compositions.lightbulbWithoutFunction()));

        assertThat(document.path("partial").asBoolean(false)).isTrue();
        JsonNode missing = document.path("sections").get(1);
        assertThat(missing.path("status").asString()).isEqualTo("timed_out");
        assertThat(missing.path("agent").asString()).isEqualTo("function-lightbulb");
        assertThat(missing.path("confidence").asDouble(1)).isZero();
        assertThat(missing.path("text").asString())
                .isEqualTo("The function of lightbulb is missing: agent function-lightbulb did not answer in time.");
    }

    @Test
    void listsUnknownPhrasesAndSaysPolitelyWhenItFoundNothing() {
        JsonNode unknown = this.json.readTree(this.renderer.render(Compositions.fluxCapacitor()));
        JsonNode nothing = this.json.readTree(this.renderer.render(Compositions.nothing()));

        assertThat(unknown.path("unknown").get(0).asString()).isEqualTo("flux capacitor");
        assertThat(unknown.has("message")).isFalse();
        assertThat(nothing.path("sections")).isEmpty();
        assertThat(nothing.path("message").asString()).isEqualTo("I could not find anything to answer that.");
    }

    @Test
    void keepsQuotesBackslashesAndControlCharactersOfUserTextIntact() {
        String question = "What is a \"kettle\" \\ \t</script>\u0001?";
        String answer = "A \"kettle\" boils {water}, \\n not \u2028 lava";

        String rendered = this.renderer.render(Compositions.of(question,
                List.of(answered("kettle", Intent.DEFINE, "definition-kettle", answer, 0.5)),
                List.of("\"}], \"partial\": true")));

        JsonNode document = this.json.readTree(rendered);
        assertThat(document.path("question").asString()).isEqualTo(question);
        assertThat(document.path("sections").get(0).path("text").asString()).isEqualTo(answer);
        assertThat(document.path("unknown").get(0).asString()).isEqualTo("\"}], \"partial\": true");
        assertThat(document.path("partial").asBoolean(true)).isFalse();
        assertThat(document.properties()).extracting(Map.Entry::getKey)
                .containsExactly("question", "partial", "sections", "unknown");
    }
}
