package io.myriad.graphdb.agent;

import io.myriad.contracts.graph.AgentType;
import io.myriad.contracts.graph.CreateAgentRequest;
import io.myriad.graphdb.GraphdbProperties;
import io.myriad.graphdb.concept.ConceptInput;
import io.myriad.graphdb.events.EventNotPublishedException;
import io.myriad.graphdb.events.GraphChanged;
import io.myriad.graphdb.events.GraphEvents;
import io.myriad.graphdb.metrics.Operation;
import io.myriad.graphdb.metrics.QueryTimer;
import io.myriad.graphdb.web.BadRequestException;
import io.myriad.graphdb.web.NotFoundException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Creates an agent on request ({@code POST /api/v1/agents}), or hands back the one the concept already has of that
 * type. A new agent is announced with {@code AgentCreated} once committed; if Kafka does not take the event the
 * agent is removed again, so that the caller's retry creates and announces it rather than finding it unannounced.
 */
@Service
public class AgentCreation {

    private static final Logger log = LoggerFactory.getLogger(AgentCreation.class);

    private final AgentRegistry registry;

    private final GraphEvents events;

    private final QueryTimer timer;

    private final ApplicationEventPublisher changes;

    private final GraphdbProperties properties;

    private final CreatedAgents created;

    public AgentCreation(AgentRegistry registry, GraphEvents events, QueryTimer timer,
            ApplicationEventPublisher changes, GraphdbProperties properties, CreatedAgents created) {
        this.registry = registry;
        this.events = events;
        this.timer = timer;
        this.changes = changes;
        this.properties = properties;
        this.created = created;
    }

    public AgentRegistry.RegisteredAgent create(CreateAgentRequest request) {
        String concept = ConceptInput.canonicalName(request.concept());
        if (concept == null || concept.isEmpty()) {
            throw new BadRequestException("concept is required");
        }
        AgentType type = request.type();
        if (type == null) {
            throw new BadRequestException("type is required, one of DEFINITION, FUNCTION, RELATION, COMPARISON, FACT_BASE");
        }
        if (concept.length() > ConceptInput.MAX_NAME_LENGTH) {
            throw new BadRequestException("concept must be at most " + ConceptInput.MAX_NAME_LENGTH + " characters");
        }
        // Seed agents (weight 1.0, ahead of any grown one) come from the seed file alone: through the API a caller
        // could otherwise put an agent of its choosing in front of the specialists.
        AgentOrigin origin = AgentOrigin.of(request.origin() == null ? "neurogenesis" : request.origin())
                .filter(given -> given != AgentOrigin.SEED)
                .orElseThrow(() -> new BadRequestException(
                        "origin must be neurogenesis; seed agents come from the seed file only"));
        double weight = this.properties.createdAgentWeight();
        AgentRegistry.RegisteredAgent registered = this.timer.time(Operation.CREATE_AGENT,
                () -> this.registry.register(concept, type, origin, weight))
                .orElseThrow(() -> new NotFoundException("No concept named '" + concept + "'"));
        if (registered.created()) {
            try {
                this.events.agentCreated(registered.agent());
            }
            catch (EventNotPublishedException ex) {
                this.registry.remove(registered.agent().id());
                throw ex;
            }
            this.created.add(origin, 1);
            this.changes.publishEvent(new GraphChanged());
            log.info("Created agent {} ({})", registered.agent().id(), origin.value());
        }
        return registered;
    }
}
