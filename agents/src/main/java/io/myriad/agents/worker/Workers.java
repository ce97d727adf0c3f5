package io.myriad.agents.worker;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.myriad.contracts.graph.AgentType;

import org.springframework.stereotype.Component;

/** The worker for each agent type; every type has one. */
@Component
public class Workers {

    private final Map<AgentType, Worker> byType = new EnumMap<>(AgentType.class);

    public Workers(List<Worker> workers) {
        workers.forEach(worker -> this.byType.put(worker.type(), worker));
        for (AgentType type : AgentType.values()) {
            if (!this.byType.containsKey(type)) {
                throw new IllegalStateException("No worker answers for agents of type " + type);
            }
        }
    }

    public Worker forType(AgentType type) {
        return this.byType.get(type);
    }
}
