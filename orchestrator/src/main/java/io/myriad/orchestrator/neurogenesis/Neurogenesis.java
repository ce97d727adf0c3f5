package io.myriad.orchestrator.neurogenesis;

import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.myriad.contracts.graph.AgentDescriptor;
import io.myriad.contracts.graph.AgentType;
import io.myriad.contracts.graph.CreateAgentRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Grows an agent for a concept that has none: the graphdb-manager creates a {@link AgentType#FACT_BASE} agent
 * (201), or hands back the one another query created meanwhile (200).
 */
@Component
public class Neurogenesis {

    private static final Logger log = LoggerFactory.getLogger(Neurogenesis.class);

    static final String ORIGIN = "neurogenesis";

    private final RestClient graphDb;

    private final Counter created;

    Neurogenesis(RestClient graphDb, MeterRegistry meters) {
        this.graphDb = graphDb;
        this.created = Counter.builder("orchestrator.neurogenesis")
                .description("Agents the registry created because a question named a concept no agent handled")
                .register(meters);
    }

    /** The concept's fact-base agent, created if need be; empty when the graphdb-manager could not provide one. */
    public Optional<AgentDescriptor> agentFor(String concept) {
        try {
            ResponseEntity<AgentDescriptor> response = this.graphDb.post()
                    .uri("/api/v1/agents")
                    .body(new CreateAgentRequest(concept, AgentType.FACT_BASE, ORIGIN))
                    .retrieve()
                    .toEntity(AgentDescriptor.class);
            if (response.getStatusCode().isSameCodeAs(HttpStatus.CREATED)) {
                this.created.increment();
                AgentDescriptor agent = response.getBody();
                log.info("Neurogenesis: created agent {} for concept '{}'", (agent != null) ? agent.id() : null,
                        concept);
            }
            return Optional.ofNullable(response.getBody());
        }
        catch (RuntimeException ex) {
            log.warn("Neurogenesis failed for concept '{}': {}", concept, ex.getMessage());
            return Optional.empty();
        }
    }
}
