package io.myriad.outputprocessor.composition;

import java.util.List;

/**
 * What an answer says about one concept, definition first, then function, relations and anything else.
 *
 * @param concept the concept
 * @param parts its parts in answer order
 */
public record ConceptSection(String concept, List<Part> parts) {

    public ConceptSection {
        parts = List.copyOf(parts);
    }
}
