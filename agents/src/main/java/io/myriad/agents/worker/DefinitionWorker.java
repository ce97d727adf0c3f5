package io.myriad.agents.worker;

import java.util.List;

import io.myriad.contracts.graph.AgentType;
import io.myriad.contracts.graph.ConceptKnowledge;
import io.myriad.contracts.query.Intent;

import org.springframework.stereotype.Component;

/** Says what the concept is, from its definition; two sentences of definition earn full confidence. */
@Component
class DefinitionWorker implements Worker {

    @Override
    public AgentType type() {
        return AgentType.DEFINITION;
    }

    @Override
    public Answer answer(Intent intent, ConceptKnowledge knowledge) {
        if (!Knowledge.hasDefinition(knowledge)) {
            return new Answer("I have no definition of " + knowledge.name() + ".", Confidence.NONE, List.of());
        }
        return new Answer(Knowledge.sentence(knowledge.definition()),
                Confidence.of(Knowledge.sentences(knowledge.definition()), 2, 0.95), List.of());
    }
}
