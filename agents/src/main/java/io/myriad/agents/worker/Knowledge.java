package io.myriad.agents.worker;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.myriad.contracts.graph.ConceptKnowledge;
import io.myriad.contracts.graph.ConceptKnowledge.Relation;

/** Null-safe reading of {@link ConceptKnowledge} and the phrases the workers build from it. */
final class Knowledge {

    private Knowledge() {
    }

    static boolean hasDefinition(ConceptKnowledge knowledge) {
        return knowledge.definition() != null && !knowledge.definition().isBlank();
    }

    static List<String> uses(ConceptKnowledge knowledge) {
        return nonBlank(knowledge.uses());
    }

    static List<String> facts(ConceptKnowledge knowledge) {
        return nonBlank(knowledge.facts());
    }

    /**
     * The concept's relations, one per neighbour: the graph often holds an edge each way between two concepts
     * (battery to electricity and back), which would say the same thing twice. The concept's own (outgoing) edge
     * is kept in preference.
     */
    static List<Relation> relations(ConceptKnowledge knowledge) {
        if (knowledge.relations() == null) {
            return List.of();
        }
        Map<String, Relation> byNeighbour = new LinkedHashMap<>();
        knowledge.relations().stream()
                .filter(r -> r.target() != null && !r.target().isBlank())
                .sorted(Comparator.comparing((Relation r) -> !r.outgoing()))
                .forEach(r -> byNeighbour.putIfAbsent(r.target(), r));
        return List.copyOf(byNeighbour.values());
    }

    /** Sentences in a definition: how much it says. */
    static int sentences(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        return Math.max(1, text.trim().split("[.!?]+(\\s+|$)").length);
    }

    /** One relation as a clause, e.g. {@code lightbulb is part of lamp}, in the edge's direction. */
    static String clause(String concept, Relation relation) {
        String subject = relation.outgoing() ? concept : relation.target();
        String object = relation.outgoing() ? relation.target() : concept;
        String type = relation.type() == null ? "" : relation.type().toUpperCase(Locale.ROOT);
        return switch (type) {
            case "IS_A" -> subject + " is a kind of " + object;
            case "PART_OF" -> subject + " is part of " + object;
            case "USED_FOR" -> subject + " is used for " + object;
            case "RELATED_TO" -> subject + " is related to " + object;
            default -> subject + " is linked to " + object;
        };
    }

    /** The distinct neighbours of these relations, in order. */
    static List<String> neighbours(List<Relation> relations) {
        return relations.stream().map(Relation::target).distinct().toList();
    }

    static String sentence(String text) {
        String trimmed = text.trim();
        return trimmed.matches(".*[.!?]$") ? trimmed : trimmed + ".";
    }

    private static List<String> nonBlank(List<String> items) {
        return items == null ? List.of() : items.stream().filter(i -> i != null && !i.isBlank()).toList();
    }
}
