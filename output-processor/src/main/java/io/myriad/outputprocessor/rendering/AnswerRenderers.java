package io.myriad.outputprocessor.rendering;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.myriad.contracts.answer.Format;

import org.springframework.stereotype.Component;

/** The renderer for each format; refuses to start unless every format has exactly one. */
@Component
public class AnswerRenderers {

    private final Map<Format, AnswerRenderer> byFormat = new EnumMap<>(Format.class);

    public AnswerRenderers(List<AnswerRenderer> renderers) {
        for (AnswerRenderer renderer : renderers) {
            AnswerRenderer previous = this.byFormat.put(renderer.format(), renderer);
            if (previous != null) {
                throw new IllegalStateException("Two renderers for " + renderer.format() + ": " + previous + ", "
                        + renderer);
            }
        }
        for (Format format : Format.values()) {
            if (!this.byFormat.containsKey(format)) {
                throw new IllegalStateException("No renderer for " + format);
            }
        }
    }

    public AnswerRenderer forFormat(Format format) {
        return this.byFormat.get(format);
    }
}
