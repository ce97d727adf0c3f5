package io.myriad.contracts.graph;

import java.util.List;

/**
 * What the graph knows of one concept ({@code GET /api/v1/concepts/{name}}), its neighbours included.
 *
 * @param name canonical name, lower case, singular
 * @param aliases other names it goes by
 * @param definition one or two sentences saying what it is
 * @param uses what it does or is used for
 * @param facts other statements about it
 * @param relations its edges to other concepts
 */
public record ConceptKnowledge(String name, List<String> aliases, String definition, List<String> uses,
        List<String> facts, List<Relation> relations) {

    /**
     * One edge of the graph, seen from this concept.
     *
     * @param type {@code IS_A}, {@code PART_OF}, {@code USED_FOR} or {@code RELATED_TO}
     * @param target the other concept's canonical name
     * @param outgoing true for this concept to target, false for target to this concept
     * @param targetDefinition the other concept's definition, so an agent can speak of its neighbours
     */
    public record Relation(String type, String target, boolean outgoing, String targetDefinition) {
    }
}
