package io.myriad.outputprocessor.composition;

import java.util.List;

import io.myriad.contracts.agent.ResultStatus;
import io.myriad.contracts.answer.ComposeRequest;
import io.myriad.contracts.answer.Format;
import org.junit.jupiter.api.Test;

import static io.myriad.contracts.query.Intent.COMPARE;
import static io.myriad.contracts.query.Intent.DEFINE;
import static io.myriad.contracts.query.Intent.FUNCTION;
import static io.myriad.contracts.query.Intent.RELATE;
import static io.myriad.outputprocessor.AgentResults.answered;
import static io.myriad.outputprocessor.AgentResults.failed;
import static io.myriad.outputprocessor.AgentResults.timedOut;
import static org.assertj.core.api.Assertions.assertThat;

class AnswerComposerTest {

    private final AnswerComposer composer = new AnswerComposer();

    @Test
    void groupsResultsByConceptInTheOrderTheQuestionNamesThem() {
        // given results that came back in another order than the question names the concepts
        ComposeRequest request = new ComposeRequest("q-1", "What are a kettle and a lightbulb?", Format.TEXT,
                List.of(answered("lightbulb", DEFINE, "definition-lightbulb", "A lightbulb makes light.", 0.9),
                        answered("kettle", DEFINE, "definition-kettle", "A kettle boils water.", 0.8)),
                List.of());

        // when
        Composition composition = this.composer.compose(request);

        // then
        assertThat(composition.sections()).extracting(ConceptSection::concept).containsExactly("kettle", "lightbulb");
        assertThat(composition.partial()).isFalse();
    }

    @Test
    void putsTheDefinitionFirstThenTheFunctionAndTheRelations() {
        ComposeRequest request = new ComposeRequest("q-1", "Tell me about lightbulbs", Format.TEXT,
                List.of(answered("lightbulb", RELATE, "relation-lightbulb", "Related to lamps.", 0.5),
                        answered("lightbulb", FUNCTION, "function-lightbulb", "It lights rooms.", 0.7),
                        answered("lightbulb", DEFINE, "definition-lightbulb", "A lightbulb makes light.", 0.9)),
                List.of());

        Composition composition = this.composer.compose(request);

        assertThat(composition.sections()).singleElement()
                .satisfies((section) -> assertThat(section.parts()).extracting(Part::agentId)
                        .containsExactly("definition-lightbulb", "function-lightbulb", "relation-lightbulb"));
        assertThat(composition.compares()).isFalse();
    }

    @Test
    void putsComparisonsSideBySideInQuestionOrderAfterTheConcepts() {
        ComposeRequest request = new ComposeRequest("q-1", "Compare a candle with a lightbulb", Format.TEXT,
                List.of(answered("lightbulb", COMPARE, "comparison-lightbulb", "Bright and electric.", 0.7),
                        answered("candle", COMPARE, "comparison-candle", "Dim and burning.", 0.6),
                        answered("candle", DEFINE, "definition-candle", "A candle is wax and a wick.", 0.9)),
                List.of());

        Composition composition = this.composer.compose(request);

        assertThat(composition.comparison()).extracting(Part::agentId)
                .containsExactly("comparison-candle", "comparison-lightbulb");
        assertThat(composition.comparedConcepts()).containsExactly("candle", "lightbulb");
        assertThat(composition.sections()).extracting(ConceptSection::concept).containsExactly("candle");
        assertThat(composition.parts()).extracting(Part::agentId)
                .containsExactly("definition-candle", "comparison-candle", "comparison-lightbulb");
    }

    @Test
    void keepsTheResultsOrderForConceptsTheQuestionNamesByAnAlias() {
        ComposeRequest request = new ComposeRequest("q-1", "What do a fridge and a kettle do?", Format.TEXT,
                List.of(answered("refrigerator", FUNCTION, "function-refrigerator", "It keeps food cold.", 0.8),
                        answered("electric_kettle", FUNCTION, "function-electric-kettle", "It boils water.", 0.8),
                        answered("toaster", FUNCTION, "function-toaster", "It toasts bread.", 0.8)),
                List.of());

        Composition composition = this.composer.compose(request);

        assertThat(composition.sections()).extracting(ConceptSection::concept)
                .containsExactly("refrigerator", "electric_kettle", "toaster");
    }

    @Test
    void answersPartiallyWhenAnAgentTimesOutOrFails() {
        ComposeRequest request = new ComposeRequest("q-1", "What is a lightbulb and what does it do?", Format.TEXT,
                List.of(answered("lightbulb", DEFINE, "definition-lightbulb", "A lightbulb makes light.", 0.9),
                        timedOut("lightbulb", FUNCTION, "function-lightbulb"),
                        failed("lightbulb", RELATE, "relation-lightbulb", "knowledge unreachable.")),
                List.of());

        Composition composition = this.composer.compose(request);

        assertThat(composition.partial()).isTrue();
        assertThat(composition.parts()).extracting(Part::status)
                .containsExactly(ResultStatus.ANSWERED, ResultStatus.TIMED_OUT, ResultStatus.FAILED);
        assertThat(composition.parts()).extracting(Part::text).containsExactly("A lightbulb makes light.",
                "The function of lightbulb is missing: agent function-lightbulb did not answer in time.",
                "The relations of lightbulb are missing: agent relation-lightbulb could not answer "
                        + "(knowledge unreachable).");
        assertThat(composition.parts()).extracting(Part::confidence).containsExactly(0.9, 0.0, 0.0);
    }

    @Test
    void keepsEachUnknownPhraseOnceAndOnOneLine() {
        ComposeRequest request = new ComposeRequest("q-1", "What is a flux capacitor?", Format.TEXT, null,
                List.of("flux\n capacitor", "flux capacitor", " "));

        Composition composition = this.composer.compose(request);

        assertThat(composition.unknownPhrases()).containsExactly("flux capacitor");
        assertThat(composition.empty()).isFalse();
        assertThat(composition.partial()).isFalse();
    }
}
