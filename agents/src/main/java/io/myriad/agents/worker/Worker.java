package io.myriad.agents.worker;

import io.myriad.contracts.graph.AgentType;
import io.myriad.contracts.graph.ConceptKnowledge;
import io.myriad.contracts.query.Intent;

/** Answers tasks for the agents of one type, from what the graph knows of the agent's concept. */
public interface Worker {

    /** The type of agent this worker answers for. */
    AgentType type();

    /** The answer to a task of that intent about the concept whose knowledge is given. */
    Answer answer(Intent intent, ConceptKnowledge knowledge);
}
