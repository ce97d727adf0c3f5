package io.myriad.outputprocessor;

import java.util.List;

import io.myriad.contracts.agent.AgentResult;
import io.myriad.contracts.agent.ResultStatus;
import io.myriad.contracts.query.Intent;

/** Agent results as the agents and the orchestrator write them, for the tests. */
public final class AgentResults {

    public static final String QUERY = "q-1";

    private AgentResults() {
    }

    public static AgentResult answered(String concept, Intent intent, String agentId, String answer,
            double confidence) {
        return new AgentResult(QUERY, "t-" + agentId, agentId, "DEFINITION", concept, intent, ResultStatus.ANSWERED,
                answer, confidence, List.of());
    }

    public static AgentResult failed(String concept, Intent intent, String agentId, String why) {
        return new AgentResult(QUERY, "t-" + agentId, agentId, "DEFINITION", concept, intent, ResultStatus.FAILED,
                why, 0, List.of());
    }

    public static AgentResult timedOut(String concept, Intent intent, String agentId) {
        return new AgentResult(QUERY, "t-" + agentId, agentId, null, concept, intent, ResultStatus.TIMED_OUT,
                "no answer before the deadline", 0, List.of());
    }
}
