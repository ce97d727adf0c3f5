package io.myriad.contracts.graph;

import java.util.List;

/**
 * A concept's names, for matching text against the graph ({@code GET /api/v1/concepts/names}).
 *
 * @param name canonical name
 * @param aliases other names it goes by
 */
public record ConceptName(String name, List<String> aliases) {
}
