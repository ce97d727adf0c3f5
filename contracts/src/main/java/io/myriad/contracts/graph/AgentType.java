package io.myriad.contracts.graph;

import io.myriad.contracts.query.Intent;

/**
 * The kinds of agent. Each seed concept gets one agent of each specialist type; neurogenesis creates a
 * {@link #FACT_BASE} agent, which answers any intent from what the graph knows of its concept and its neighbours.
 */
public enum AgentType {
    DEFINITION, FUNCTION, RELATION, COMPARISON, FACT_BASE;

    /** Whether an agent of this type can answer a task of the given intent. */
    public boolean handles(Intent intent) {
        return switch (this) {
            case DEFINITION -> intent == Intent.DEFINE;
            case FUNCTION -> intent == Intent.FUNCTION;
            case RELATION -> intent == Intent.RELATE;
            case COMPARISON -> intent == Intent.COMPARE;
            case FACT_BASE -> intent != Intent.REMIND && intent != Intent.UNKNOWN;
        };
    }
}
