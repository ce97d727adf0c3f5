package io.myriad.agents.worker;

import java.util.List;

import io.myriad.contracts.graph.AgentType;
import io.myriad.contracts.graph.ConceptKnowledge;
import io.myriad.contracts.query.Intent;

import org.springframework.stereotype.Component;

/** Says what the concept does or is used for, from its uses; three uses earn full confidence. */
@Component
class FunctionWorker implements Worker {

    @Override
    public AgentType type() {
        return AgentType.FUNCTION;
    }

    @Override
    public Answer answer(Intent intent, ConceptKnowledge knowledge) {
        List<String> uses = Knowledge.uses(knowledge);
        if (uses.isEmpty()) {
            return new Answer("I know of no use of " + knowledge.name() + ".", Confidence.NONE, List.of());
        }
        return new Answer("What " + knowledge.name() + " does: " + String.join("; ", uses) + ".",
                Confidence.of(uses.size(), 3, 0.95), List.of());
    }
}
