package io.myriad.agents.worker;

import java.util.List;
import java.util.stream.Collectors;

import io.myriad.contracts.graph.AgentType;
import io.myriad.contracts.graph.ConceptKnowledge;
import io.myriad.contracts.graph.ConceptKnowledge.Relation;
import io.myriad.contracts.query.Intent;

import org.springframework.stereotype.Component;

/** Names the concept's neighbours and how they relate; four relations earn full confidence. */
@Component
class RelationWorker implements Worker {

    /** A hub such as electricity has dozens of neighbours; an answer names the first few and counts the rest. */
    private static final int MOST_NAMED = 8;

    @Override
    public AgentType type() {
        return AgentType.RELATION;
    }

    @Override
    public Answer answer(Intent intent, ConceptKnowledge knowledge) {
        List<Relation> relations = Knowledge.relations(knowledge);
        if (relations.isEmpty()) {
            return new Answer("I know of nothing " + knowledge.name() + " relates to.", Confidence.NONE, List.of());
        }
        String clauses = relations.stream()
                .limit(MOST_NAMED)
                .map(relation -> Knowledge.clause(knowledge.name(), relation))
                .collect(Collectors.joining("; "));
        if (relations.size() > MOST_NAMED) {
            clauses += "; and " + (relations.size() - MOST_NAMED) + " more";
        }
        return new Answer("How " + knowledge.name() + " relates: " + clauses + ".",
                Confidence.of(relations.size(), 4, 0.9), Knowledge.neighbours(relations));
    }
}
