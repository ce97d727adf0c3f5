package io.myriad.outputprocessor.synthesis;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.myriad.contracts.answer.ComposeRequest;
import io.myriad.contracts.answer.ComposedAnswer;
import io.myriad.contracts.answer.ComposedAnswer.Contribution;
import io.myriad.contracts.answer.Format;
import io.myriad.outputprocessor.composition.AnswerComposer;
import io.myriad.outputprocessor.rendering.AnswerRenderers;
import io.myriad.outputprocessor.rendering.JsonRenderer;
import io.myriad.outputprocessor.rendering.MarkdownRenderer;
import io.myriad.outputprocessor.rendering.TextRenderer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static io.myriad.contracts.query.Intent.DEFINE;
import static io.myriad.contracts.query.Intent.FUNCTION;
import static io.myriad.outputprocessor.AgentResults.answered;
import static io.myriad.outputprocessor.AgentResults.timedOut;
import static org.assertj.core.api.Assertions.assertThat;

class AnswerSynthesizerTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();

    private final AnswerSynthesizer synthesizer = new AnswerSynthesizer(new AnswerComposer(),
            new AnswerRenderers(List.of(new TextRenderer(), new MarkdownRenderer(),
                    new JsonRenderer(JsonMapper.builder().build()))),
            new SynthesisMetrics(this.registry));

    @Test
    void hasEveryFormatsSeriesAtZeroBeforeTheFirstAnswer() {
        for (String format : List.of("text", "markdown", "json")) {
            assertThat(this.registry.get("output.synthesis").tag("format", format).counter().count()).isZero();
            assertThat(this.registry.get("output.synthesis.duration").tag("format", format).timer().count()).isZero();
        }
        assertThat(this.registry.get("output.answers.partial").counter().count()).isZero();
        assertThat(this.registry.get("output.contributions").summary().count()).isZero();
    }

    @Test
    void creditsEveryContributionInAnswerOrderAndMarksAPartialAnswer() {
        ComposedAnswer answer = this.synthesizer.synthesize(new ComposeRequest("q-7",
                "What is a lightbulb and what does it do?", Format.MARKDOWN,
                List.of(timedOut("lightbulb", FUNCTION, "function-lightbulb"),
                        answered("lightbulb", DEFINE, "definition-lightbulb", "A lightbulb is a lamp.", 0.92)),
                List.of()));

        assertThat(answer.queryId()).isEqualTo("q-7");
        assertThat(answer.format()).isEqualTo(Format.MARKDOWN);
        assertThat(answer.partial()).isTrue();
        assertThat(answer.content()).startsWith("> Partial answer").contains("## Lightbulb");
        assertThat(answer.contributions()).containsExactly(
                new Contribution("definition-lightbulb", "lightbulb", "define", "answered", 0.92),
                new Contribution("function-lightbulb", "lightbulb", "function", "timed_out", 0));
    }

    @Test
    void countsAnswersByFormatPartialAnswersAndContributionsPerAnswer() {
        this.synthesizer.synthesize(new ComposeRequest("q-1", "What is a lightbulb?", Format.JSON,
                List.of(answered("lightbulb", DEFINE, "definition-lightbulb", "A lamp.", 0.9),
                        timedOut("lightbulb", FUNCTION, "function-lightbulb")),
                List.of()));
        this.synthesizer.synthesize(new ComposeRequest("q-2", "What is a kettle?", Format.JSON,
                List.of(answered("kettle", DEFINE, "definition-kettle", "It boils water.", 0.9)), List.of()));

        assertThat(this.registry.get("output.synthesis").tag("format", "json").counter().count()).isEqualTo(2);
        assertThat(this.registry.get("output.synthesis").tag("format", "text").counter().count()).isZero();
        assertThat(this.registry.get("output.synthesis.duration").tag("format", "json").timer().count())
                .isEqualTo(2);
        assertThat(this.registry.get("output.answers.partial").counter().count()).isEqualTo(1);
        assertThat(this.registry.get("output.contributions").summary().totalAmount()).isEqualTo(3);
        assertThat(this.registry.get("output.contributions").summary().max()).isEqualTo(2);
    }

    @Test
    void answersInPlainTextWhenNoFormatIsAsked() {
        ComposedAnswer answer = this.synthesizer.synthesize(new ComposeRequest("q-3", "What is a flux capacitor?",
                null, null, List.of("flux capacitor")));

        assertThat(answer.format()).isEqualTo(Format.TEXT);
        assertThat(answer.content()).isEqualTo("I don't know what a flux capacitor is yet.");
        assertThat(answer.contributions()).isEmpty();
        assertThat(answer.partial()).isFalse();
        assertThat(this.registry.get("output.synthesis").tag("format", "text").counter().count()).isEqualTo(1);
    }
}
