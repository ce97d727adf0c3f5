package io.myriad.agents.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.myriad.contracts.graph.AgentType;
import io.myriad.contracts.graph.ConceptKnowledge;
import io.myriad.contracts.graph.ConceptKnowledge.Relation;
import io.myriad.contracts.query.Intent;

import org.springframework.stereotype.Component;

/**
 * Speaks of its own concept for a comparison, from the definition and the relations; the output-processor puts the
 * concepts side by side. A definition and three relations earn full confidence.
 */
@Component
class ComparisonWorker implements Worker {

    @Override
    public AgentType type() {
        return AgentType.COMPARISON;
    }

    @Override
    public Answer answer(Intent intent, ConceptKnowledge knowledge) {
        List<Relation> relations = Knowledge.relations(knowledge);
        List<String> parts = new ArrayList<>();
        if (Knowledge.hasDefinition(knowledge)) {
            parts.add(Knowledge.sentence(knowledge.definition()));
        }
        if (!relations.isEmpty()) {
            parts.add("Relations: " + relations.stream()
                    .map(relation -> Knowledge.clause(knowledge.name(), relation))
                    .collect(Collectors.joining("; ")) + ".");
        }
        if (parts.isEmpty()) {
            return new Answer("I know nothing of " + knowledge.name() + " to compare.", Confidence.NONE, List.of());
        }
        int pieces = (Knowledge.hasDefinition(knowledge) ? 1 : 0) + relations.size();
        return new Answer(knowledge.name() + ": " + String.join(" ", parts), Confidence.of(pieces, 4, 0.9),
                Knowledge.neighbours(relations));
    }
}
