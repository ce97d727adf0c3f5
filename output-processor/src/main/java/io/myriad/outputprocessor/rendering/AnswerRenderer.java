package io.myriad.outputprocessor.rendering;

import io.myriad.contracts.answer.Format;
import io.myriad.outputprocessor.composition.Composition;

/** Writes a composed answer in one format. */
public interface AnswerRenderer {

    Format format();

    String render(Composition composition);
}
