package io.myriad.outputprocessor.rendering;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.myriad.contracts.answer.Format;
import io.myriad.outputprocessor.composition.Composition;
import io.myriad.outputprocessor.composition.ConceptSection;
import io.myriad.outputprocessor.composition.Part;
import io.myriad.outputprocessor.composition.Wording;

import org.springframework.stereotype.Component;

/**
 * Plain sentences, one a line, each answer followed by who said it: "A lightbulb is a device that makes light.
 * (definition-lightbulb, confidence 0.92)". A blank line between concepts.
 */
@Component
public class TextRenderer implements AnswerRenderer {

    @Override
    public Format format() {
        return Format.TEXT;
    }

    @Override
    public String render(Composition composition) {
        if (composition.empty()) {
            return Wording.NOTHING_FOUND;
        }
        List<String> blocks = new ArrayList<>();
        for (ConceptSection section : composition.sections()) {
            blocks.add(section.parts().stream().map(TextRenderer::line).collect(Collectors.joining("\n")));
        }
        if (composition.compares()) {
            List<String> lines = new ArrayList<>();
            lines.add("Side by side, " + Wording.listing(composition.comparedConcepts()) + ":");
            composition.comparison().forEach((part) -> lines.add(part.concept() + ": " + line(part)));
            blocks.add(String.join("\n", lines));
        }
        if (!composition.unknownPhrases().isEmpty()) {
            blocks.add(composition.unknownPhrases().stream().map(Wording::unknown).collect(Collectors.joining("\n")));
        }
        return String.join("\n\n", blocks);
    }

    private static String line(Part part) {
        return part.answered()
                ? Wording.sentence(part.text()) + " (" + Wording.credit(part.agentId(), part.confidence()) + ")"
                : part.text();
    }
}
