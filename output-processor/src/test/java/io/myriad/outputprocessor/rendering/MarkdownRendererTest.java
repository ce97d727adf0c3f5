package io.myriad.outputprocessor.rendering;

import java.util.List;

import io.myriad.contracts.query.Intent;
import org.junit.jupiter.api.Test;

import static io.myriad.outputprocessor.AgentResults.answered;
import static io.myriad.outputprocessor.AgentResults.failed;
import static org.assertj.core.api.Assertions.assertThat;

class MarkdownRendererTest {

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    @Test
    void givesEachConceptAHeadingAndEachContributionABulletCreditedInItalics() {
        String markdown = this.renderer.render(Compositions.lightbulb());

        assertThat(markdown).isEqualTo("""
                ## Lightbulb

                - A lightbulb is an electric lamp. *(definition-lightbulb, confidence 0.92)*
                - It turns electricity into light. *(function-lightbulb, confidence 0.80)*""");
    }

    @Test
    void notesAPartialAnswerAndSaysWhichPartIsMissing() {
        String markdown = this.renderer.render(Compositions.lightbulbWithoutFunction());

        assertThat(markdown).isEqualTo("""
                > Partial answer: some of what you asked could not be answered.

                ## Lightbulb

                - A lightbulb is an electric lamp. *(definition-lightbulb, confidence 0.92)*
                - The function of lightbulb is missing: agent function-lightbulb did not answer in time.""");
    }

    @Test
    void putsComparedConceptsInTheColumnsOfOneTable() {
        String markdown = this.renderer.render(Compositions.candleAndLightbulb());

        assertThat(markdown).isEqualTo("""
                ## Candle and lightbulb side by side

                | Candle | Lightbulb |
                | --- | --- |
                | A candle burns wax. | A lightbulb is electric. |
                | *(comparison-candle, confidence 0.65)* | *(comparison-lightbulb, confidence 0.70)* |""");
    }

    @Test
    void acknowledgesWhatItDoesNotKnowAndSaysPolitelyWhenItFoundNothing() {
        assertThat(this.renderer.render(Compositions.fluxCapacitor()))
                .isEqualTo("I don't know what a flux capacitor is yet.");
        assertThat(this.renderer.render(Compositions.nothing()))
                .isEqualTo("I could not find anything to answer that.");
    }

    @Test
    void escapesWhatUsersWroteSoItStaysLiteralText() {
        String markdown = this.renderer.render(Compositions.of("What is a *flux* [capacitor](http://x.example)?",
                List.of(), List.of("*flux* [capacitor](http://x.example) <img src=x> & `code`")));

        assertThat(markdown).isEqualTo("I don't know what a \\*flux\\* \\[capacitor\\](http://x.example) "
                + "\\<img src=x\\> \\& \\`code\\` is yet.");
    }

    @Test
    void escapesWhatAgentsWroteInBulletsHeadingsAndTableCells() {
        String markdown = this.renderer.render(Compositions.of("Compare c# and c_sharp",
                List.of(answered("c#", Intent.DEFINE, "definition-c", "# C# is a language\n- not a list | really",
                        0.5), answered("c#", Intent.COMPARE, "comparison-c", "1. Faster | safer", 0.5),
                        failed("c_sharp", Intent.COMPARE, "comparison-c_sharp", "knowledge *unreachable*")),
                List.of()));

        assertThat(markdown).isEqualTo("""
                > Partial answer: some of what you asked could not be answered.

                ## C\\#

                - \\# C\\# is a language - not a list \\| really. *(definition-c, confidence 0.50)*

                ## C\\# and c\\_sharp side by side

                | C\\# | C\\_sharp |
                | --- | --- |
                | 1\\. Faster \\| safer. | The comparison of c\\_sharp is missing: agent comparison-c\\_sharp \
                could not answer (knowledge \\*unreachable\\*). |
                | *(comparison-c, confidence 0.50)* |  |""");
    }
}
