package io.myriad.outputprocessor.rendering;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.myriad.contracts.answer.Format;
import io.myriad.outputprocessor.composition.Composition;
import io.myriad.outputprocessor.composition.ConceptSection;
import io.myriad.outputprocessor.composition.Part;
import io.myriad.outputprocessor.composition.Wording;

import org.springframework.stereotype.Component;

/**
 * A heading per concept and a bullet per contribution, the agent and its confidence in italics; compared
 * concepts in the columns of one table; a "Partial answer" note first when something is missing. Everything a
 * user or an agent wrote is escaped, so it reads as the text it is.
 */
@Component
public class MarkdownRenderer implements AnswerRenderer {

    @Override
    public Format format() {
        return Format.MARKDOWN;
    }

    @Override
    public String render(Composition composition) {
        if (composition.empty()) {
            return Wording.NOTHING_FOUND;
        }
        List<String> blocks = new ArrayList<>();
        if (composition.partial()) {
            blocks.add("> Partial answer: some of what you asked could not be answered.");
        }
        for (ConceptSection section : composition.sections()) {
            blocks.add("## " + MarkdownText.escape(capitalized(section.concept())));
            blocks.add(section.parts().stream().map((part) -> "- " + contribution(part))
                    .collect(Collectors.joining("\n")));
        }
        if (composition.compares()) {
            blocks.add("## " + MarkdownText.escape(capitalized(Wording.listing(composition.comparedConcepts())))
                    + " side by side");
            blocks.add(table(composition.comparison()));
        }
        composition.unknownPhrases().forEach((phrase) -> blocks.add(MarkdownText.escape(Wording.unknown(phrase))));
        return String.join("\n\n", blocks);
    }

    private static String contribution(Part part) {
        return part.answered() ? MarkdownText.escape(Wording.sentence(part.text())) + " " + credit(part)
                : MarkdownText.escape(part.text());
    }

    private static String table(List<Part> comparison) {
        List<String> rows = List.of(
                row(comparison, (part) -> MarkdownText.escape(capitalized(part.concept()))),
                row(comparison, (part) -> "---"),
                row(comparison, (part) -> MarkdownText.escape(part.answered() ? Wording.sentence(part.text())
                        : part.text())),
                row(comparison, (part) -> part.answered() ? credit(part) : ""));
        return String.join("\n", rows);
    }

    private static String row(List<Part> parts, Function<Part, String> cell) {
        return parts.stream().map(cell).collect(Collectors.joining(" | ", "| ", " |"));
    }

    private static String credit(Part part) {
        return "*(" + MarkdownText.escape(Wording.credit(part.agentId(), part.confidence())) + ")*";
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }
}
