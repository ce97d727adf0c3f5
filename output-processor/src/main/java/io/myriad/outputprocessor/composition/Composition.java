package io.myriad.outputprocessor.composition;

import java.util.List;
import java.util.stream.Stream;

/**
 * An answer before it is rendered: the concepts in question order, the comparison side by side, and what the
 * question named that nobody knows.
 *
 * @param question the question as the user wrote it
 * @param sections one per concept that has a non-comparison part, in question order
 * @param comparison the comparison parts, one per concept in question order; empty unless the question compares
 * @param unknownPhrases what the question named that the graph does not know
 */
public record Composition(String question, List<ConceptSection> sections, List<Part> comparison,
        List<String> unknownPhrases) {

    public Composition {
        sections = List.copyOf(sections);
        comparison = List.copyOf(comparison);
        unknownPhrases = List.copyOf(unknownPhrases);
    }

    /** Every part in the order the answer shows it: the concepts' sections, then the comparison. */
    public List<Part> parts() {
        return Stream.concat(this.sections.stream().flatMap((section) -> section.parts().stream()),
                this.comparison.stream()).toList();
    }

    /** Whether some part the question asked for is missing because its agent failed or did not answer in time. */
    public boolean partial() {
        return parts().stream().anyMatch((part) -> !part.answered());
    }

    /** Whether there is nothing to say at all: no part and no unknown phrase to acknowledge. */
    public boolean empty() {
        return this.sections.isEmpty() && this.comparison.isEmpty() && this.unknownPhrases.isEmpty();
    }

    /** Whether the question compares concepts, so their comparisons go side by side. */
    public boolean compares() {
        return !this.comparison.isEmpty();
    }

    /** The concepts the comparison puts side by side, in question order. */
    public List<String> comparedConcepts() {
        return this.comparison.stream().map(Part::concept).distinct().toList();
    }
}
