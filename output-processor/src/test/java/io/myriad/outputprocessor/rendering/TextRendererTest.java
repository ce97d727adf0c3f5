package io.myriad.outputprocessor.rendering;

import java.util.List;

import io.myriad.contracts.query.Intent;
import org.junit.jupiter.api.Test;

import static io.myriad.outputprocessor.AgentResults.answered;
import static org.assertj.core.api.Assertions.assertThat;

class TextRendererTest {

    private final TextRenderer renderer = new TextRenderer();

    @Test
    void followsEachSentenceWithItsAgentAndConfidenceDefinitionFirst() {
        String text = this.renderer.render(Compositions.lightbulb());

        assertThat(text).isEqualTo("""
                A lightbulb is an electric lamp. (definition-lightbulb, confidence 0.92)
                It turns electricity into light. (function-lightbulb, confidence 0.80)""");
    }

    @Test
    void saysWhichPartIsMissingWhenAnAgentTimesOut() {
        String text = this.renderer.render(Compositions.lightbulbWithoutFunction());

        assertThat(text).isEqualTo("""
                A lightbulb is an electric lamp. (definition-lightbulb, confidence 0.92)
                The function of lightbulb is missing: agent function-lightbulb did not answer in time.""");
    }

    @Test
    void putsComparedConceptsSideBySide() {
        String text = this.renderer.render(Compositions.candleAndLightbulb());

        assertThat(text).isEqualTo("""
                Side by side, candle and lightbulb:
                candle: A candle burns wax. (comparison-candle, confidence 0.65)
                lightbulb: A lightbulb is electric. (comparison-lightbulb, confidence 0.70)""");
    }

    @Test
    void acknowledgesWhatItDoesNotKnow() {
        assertThat(this.renderer.render(Compositions.fluxCapacitor()))
                .isEqualTo("I don't know what a flux capacitor is yet.");
    }

    @Test
    void saysPolitelyWhenItFoundNothing() {
        assertThat(this.renderer.render(Compositions.nothing()))
                .isEqualTo("I could not find anything to answer that.");
    }

    @Test
    void separatesConceptsAndAcknowledgementsWithABlankLine() {
        String text = this.renderer.render(Compositions.of("What are a kettle and a flux capacitor?",
                List.of(answered("kettle", Intent.DEFINE, "definition-kettle", "A kettle boils water.", 1)),
                List.of("flux capacitor")));

        assertThat(text).isEqualTo("""
                A kettle boils water. (definition-kettle, confidence 1.00)

                I don't know what a flux capacitor is yet.""");
    }
}
