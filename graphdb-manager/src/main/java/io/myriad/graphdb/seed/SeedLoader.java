package io.myriad.graphdb.seed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

import io.myriad.contracts.graph.AgentType;
import io.myriad.graphdb.GraphdbProperties;
import io.myriad.graphdb.agent.AgentOrigin;
import io.myriad.graphdb.agent.AgentRegistry;
import io.myriad.graphdb.agent.CreatedAgents;
import io.myriad.graphdb.concept.ConceptBatchValidator;
import io.myriad.graphdb.concept.ConceptGraph;
import io.myriad.graphdb.concept.ConceptInput;
import io.myriad.graphdb.concept.ItemError;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.ResourceLoader;
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

    private final ResourceLoader resources;

    private final JsonMapper json;

    private final ConceptBatchValidator validator;

    private final ConceptGraph concepts;

    private final AgentRegistry agents;

    private final TransactionTemplate transaction;

    private final GraphdbProperties properties;

    private final CreatedAgents created;

    public SeedLoader(ResourceLoader resources, JsonMapper json, ConceptBatchValidator validator,
            ConceptGraph concepts, AgentRegistry agents, TransactionTemplate transaction,
            GraphdbProperties properties, CreatedAgents created) {
        this.resources = resources;
        this.json = json;
        this.validator = validator;
        this.concepts = concepts;
        this.agents = agents;
        this.transaction = transaction;
        this.properties = properties;
        this.created = created;
    }

    /** The seed's concepts, canonical and validated; an invalid seed is a build error, so it fails the start. */
    public List<ConceptInput> seed() {
        List<ConceptInput> seed;
        try (InputStream in = this.resources.getResource(this.properties.seedResource()).getInputStream()) {
            seed = this.json.readValue(in, new TypeReference<List<ConceptInput>>() {
            });
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the seed " + this.properties.seedResource(), ex);
        }
        List<ConceptInput> canonical = seed.stream().map(ConceptInput::canonical).toList();
        // The seed must stand on its own: no relation to a concept only some earlier import brought.
        List<ItemError> errors = this.validator.validate(canonical, names -> Set.of());
        if (!errors.isEmpty()) {
            throw new IllegalStateException("The seed " + this.properties.seedResource() + " is invalid: " + errors);
        }
        return canonical;
    }

    /** Writes the seed in one transaction; returns how many seed concepts there are. */
    public int load() {
        List<ConceptInput> seed = seed();
        List<String> names = seed.stream().map(ConceptInput::name).toList();
        Long createdAgents = this.transaction.execute(status -> {
            this.concepts.write(seed, true);
            return this.agents.ensureSeedAgents(names, SPECIALISTS);
        });
        this.created.add(AgentOrigin.SEED, createdAgents);
        log.info("Seed knowledge in place: {} concepts with {} agents each ({} agents created now)", names.size(),
                SPECIALISTS.size(), createdAgents);
        return names.size();
    }
}
