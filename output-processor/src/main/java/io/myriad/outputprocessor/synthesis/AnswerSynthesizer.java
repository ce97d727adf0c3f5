package io.myriad.outputprocessor.synthesis;

import java.time.Duration;
import java.util.Objects;

import io.myriad.contracts.answer.ComposeRequest;
import io.myriad.contracts.answer.ComposedAnswer;
import io.myriad.contracts.answer.Format;
import io.myriad.outputprocessor.composition.AnswerComposer;
import io.myriad.outputprocessor.composition.Composition;
import io.myriad.outputprocessor.composition.Part;
import io.myriad.outputprocessor.rendering.AnswerRenderers;

import org.springframework.stereotype.Component;

/** Composes one answer from a request and renders it in the format asked for (plain text when none is). */
@Component
public class AnswerSynthesizer {

    private final AnswerComposer composer;

    private final AnswerRenderers renderers;

    private final SynthesisMetrics metrics;

    public AnswerSynthesizer(AnswerComposer composer, AnswerRenderers renderers, SynthesisMetrics metrics) {
        this.composer = composer;
        this.renderers = renderers;
        this.metrics = metrics;
    }

    public ComposedAnswer synthesize(ComposeRequest request) {
        long start = System.nanoTime();
        Format format = Objects.requireNonNullElse(request.format(), Format.TEXT);
        Composition composition = this.composer.compose(request);
        String content = this.renderers.forFormat(format).render(composition);
        ComposedAnswer answer = new ComposedAnswer(request.queryId(), format, content,
                composition.parts().stream().map(Part::contribution).toList(), composition.partial());
        this.metrics.recorded(format, answer, Duration.ofNanos(System.nanoTime() - start));
        return answer;
    }
}
