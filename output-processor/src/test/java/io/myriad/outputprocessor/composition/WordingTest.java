package io.myriad.outputprocessor.composition;

import java.util.List;
import java.util.Locale;

import io.myriad.contracts.agent.ResultStatus;
import io.myriad.contracts.query.Intent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WordingTest {

    @Test
    void saysWhichPartIsMissingAndThatItsAgentDidNotAnswerInTime() {
        assertThat(Wording.missing("lightbulb", Intent.FUNCTION, ResultStatus.TIMED_OUT, "function-lightbulb",
                "no answer before the deadline"))
                .isEqualTo("The function of lightbulb is missing: agent function-lightbulb did not answer in time.");
    }

    @Test
    void saysWhyAFailedAgentCouldNotAnswer() {
        assertThat(Wording.missing("kettle", Intent.DEFINE, ResultStatus.FAILED, "definition-kettle", "overloaded"))
                .isEqualTo("The definition of kettle is missing: agent definition-kettle could not answer "
                        + "(overloaded).");
        assertThat(Wording.missing("kettle", Intent.COMPARE, ResultStatus.FAILED, null, null))
                .isEqualTo("The comparison of kettle is missing: agent unknown could not answer.");
    }

    @Test
    void refusesToCallAnAnsweredPartMissing() {
        assertThatIllegalArgumentException().isThrownBy(
                () -> Wording.missing("kettle", Intent.DEFINE, ResultStatus.ANSWERED, "definition-kettle", "x"));
    }

    @Test
    void acknowledgesAnUnknownPhraseWithTheRightArticle() {
        assertThat(Wording.unknown("flux capacitor")).isEqualTo("I don't know what a flux capacitor is yet.");
        assertThat(Wording.unknown("oscillator")).isEqualTo("I don't know what an oscillator is yet.");
        assertThat(Wording.unknown("the ether")).isEqualTo("I don't know what the ether is yet.");
    }

    @Test
    void endsAnAnswerLikeASentenceOnOneLine() {
        assertThat(Wording.sentence("  A kettle\nboils water ")).isEqualTo("A kettle boils water.");
        assertThat(Wording.sentence("Is it hot?")).isEqualTo("Is it hot?");
    }

    @Test
    void formatsConfidenceWithTwoDecimalsWhateverTheLocale() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            assertThat(Wording.credit("definition-kettle", 0.9)).isEqualTo("definition-kettle, confidence 0.90");
        }
        finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void listsNamesAsAReaderDoes() {
        assertThat(Wording.listing(List.of("candle"))).isEqualTo("candle");
        assertThat(Wording.listing(List.of("candle", "lightbulb", "torch"))).isEqualTo("candle, lightbulb and torch");
    }
}
