package io.myriad.graphdb.seed;

import java.util.List;
import java.util.Objects;

import io.myriad.contracts.graph.AgentType;
import io.myriad.graphdb.agent.AgentOrigin;
import io.myriad.graphdb.agent.AgentRegistry;
import io.myriad.graphdb.agent.CreatedAgents;
import io.myriad.graphdb.concept.ConceptGraph;
import io.myriad.graphdb.concept.ConceptInput;
import io.myriad.graphdb.events.EventNotPublishedException;
import io.myriad.graphdb.events.GraphEvents;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the seed knowledge: its concepts and relations, and one agent of each specialist type per seed concept.
 * Idempotent: everything is MERGEd and existing concepts and agents are left as they are, so a second start (or a
 * second run) changes nothing, and a concept someone has since re-imported keeps what they imported.
 */
@Component
public class SeedLoader {

    static final List<AgentType> SPECIALISTS = List.of(AgentType.DEFINITION, AgentType.FUNCTION, AgentType.RELATION,
            AgentType.COMPARISON);

    private static final Logger log = LoggerFactory.getLogger(SeedLoader.class);

    private final SeedFile seed;

    private final ConceptGraph concepts;

    private final AgentRegistry agents;

    private final TransactionTemplate transaction;

    private final CreatedAgents created;

    private final GraphEvents events;

    public SeedLoader(SeedFile seed, ConceptGraph concepts, AgentRegistry agents, TransactionTemplate transaction,
            CreatedAgents created, GraphEvents events) {
        this.events = events;
        this.seed = seed;
        this.concepts = concepts;
        this.agents = agents;
        this.transaction = transaction;
        this.created = created;
    }

    /** Writes the seed in one transaction; returns how many seed concepts there are. */
    public int load() {
        List<ConceptInput> seedConcepts = this.seed.concepts();
        List<String> names = seedConcepts.stream().map(ConceptInput::name).toList();
        long createdAgents = Objects.requireNonNull(this.transaction.execute(status -> {
            this.concepts.write(seedConcepts, true);
            return this.agents.ensureSeedAgents(names, SPECIALISTS);
        }));
        this.created.add(AgentOrigin.SEED, createdAgents);
        log.info("Seed knowledge in place: {} concepts with {} agents each ({} agents created now)", names.size(),
                SPECIALISTS.size(), createdAgents);
        // A service that read the concept names while the seed was being written holds too few of them.
        try {
            this.events.conceptsChanged(names);
        }
        catch (EventNotPublishedException ex) {
            log.warn("Seed loaded, but its ConceptsChanged event was not published: {}", ex.getMessage());
        }
        return names.size();
    }
}
