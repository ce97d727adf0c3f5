package io.myriad.agents.worker;

import java.util.List;
import java.util.stream.Collectors;

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
        // Uses written as sentences ("It lights rooms.") read best one after another; fragments ("lights rooms")
        // as one list.
        boolean sentences = uses.stream().allMatch(use -> Character.isUpperCase(use.trim().charAt(0)));
        String said = sentences ? uses.stream().map(Knowledge::sentence).collect(Collectors.joining(" "))
                : uses.stream().map(use -> use.trim().replaceAll("[.!?]+$", "")).collect(Collectors.joining("; "))
                        + ".";
        return new Answer("What " + knowledge.name() + " does: " + said,
                Confidence.of(uses.size(), 3, 0.95), List.of());
    }
}
