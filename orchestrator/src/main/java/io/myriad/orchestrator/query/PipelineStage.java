package io.myriad.orchestrator.query;

import java.util.Locale;

/** The pipeline's stages; the {@code stage} tag of {@code orchestrator.stage.duration}. */
enum PipelineStage {
    PARSE, DISCOVER, NEUROGENESIS, DISPATCH, SYNTHESIZE;

    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
