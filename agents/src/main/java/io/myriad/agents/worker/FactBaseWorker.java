package io.myriad.agents.worker;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.myriad.contracts.graph.AgentType;
import io.myriad.contracts.graph.ConceptKnowledge;
import io.myriad.contracts.graph.ConceptKnowledge.Relation;
import io.myriad.contracts.query.Intent;

import org.springframework.stereotype.Component;

/**
 * The generalist neurogenesis creates: answers any intent from the concept's own definition, uses and facts and
 * from its neighbours' definitions. It trusts itself less than a specialist, and says plainly when it knows little.
 */
@Component
class FactBaseWorker implements Worker {

    /** Fewer statements than this and the answer starts "I know little about …". */
    static final int LITTLE = 2;

    private static final double CEILING = 0.75;

    @Override
    public AgentType type() {
        return AgentType.FACT_BASE;
    }

    @Override
    public Answer answer(Intent intent, ConceptKnowledge knowledge) {
        List<String> statements = new ArrayList<>();
        if (Knowledge.hasDefinition(knowledge) && intent != Intent.FUNCTION) {
            statements.add(Knowledge.sentence(knowledge.definition()));
        }
        if (intent != Intent.DEFINE && intent != Intent.RELATE) {
            Knowledge.uses(knowledge).forEach(use -> statements.add("It " + Knowledge.sentence(use)));
        }
        Knowledge.facts(knowledge).forEach(fact -> statements.add(Knowledge.sentence(fact)));
        if (intent == Intent.FUNCTION && statements.isEmpty() && Knowledge.hasDefinition(knowledge)) {
            statements.add(Knowledge.sentence(knowledge.definition()));
        }

        boolean aboutNeighbours = intent == Intent.RELATE || intent == Intent.COMPARE;
        Set<String> neighboursUsed = new LinkedHashSet<>();
        for (Relation relation : Knowledge.relations(knowledge)) {
            if (!aboutNeighbours && statements.size() >= LITTLE) {
                break;
            }
            String clause = Knowledge.clause(knowledge.name(), relation);
            String neighbourDefinition = relation.targetDefinition();
            statements.add(neighbourDefinition == null || neighbourDefinition.isBlank() ? Knowledge.sentence(clause)
                    : clause + ", and " + relation.target() + ": " + Knowledge.sentence(neighbourDefinition));
            neighboursUsed.add(relation.target());
        }

        if (statements.size() < LITTLE) {
            String known = statements.isEmpty() ? "the graph holds nothing about it yet." : statements.get(0);
            return new Answer("I know little about " + knowledge.name() + ": " + known,
                    Confidence.round(Confidence.NONE + 0.1 * statements.size()), List.copyOf(neighboursUsed));
        }
        return new Answer(String.join(" ", statements), Confidence.of(statements.size(), 5, CEILING),
                List.copyOf(neighboursUsed));
    }
}
