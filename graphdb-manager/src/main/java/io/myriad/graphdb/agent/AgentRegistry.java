package io.myriad.graphdb.agent;

import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.myriad.contracts.graph.AgentDescriptor;
import io.myriad.contracts.graph.AgentType;
import io.myriad.contracts.query.Intent;
import io.myriad.graphdb.concept.ConceptResolution;

import org.neo4j.driver.Record;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The agents in Neo4j and the concepts they handle; every operation is one Cypher round trip. */
@Repository
public class AgentRegistry {

    private static final String RETURN_AGENT = """
            RETURN a.id AS id, a.type AS type, c.name AS concept, a.status AS status, a.origin AS origin,
                   a.createdAt AS createdAt, h.weight AS weight
            """;

    private static final String DISCOVER = ConceptResolution.MATCH_CONCEPT + """
            MATCH (a:Agent)-[h:HANDLES]->(c)
            WHERE a.status = 'active' AND a.type IN $types
            """ + RETURN_AGENT + " ORDER BY weight DESC, id";

    private static final String BY_ID = """
            MATCH (a:Agent {id: $id})-[h:HANDLES]->(c:Concept)
            """ + RETURN_AGENT + " LIMIT 1";

    // MERGE on the unique id makes two concurrent requests for one (concept, type) create one agent; the marker
    // property tells this transaction whether it was the one that created it.
    private static final String CREATE = ConceptResolution.MATCH_CONCEPT + """
            WITH c, $typePrefix + replace(replace(c.name, ' ', '-'), '_', '-') AS agentId
            MERGE (a:Agent {id: agentId})
            ON CREATE SET a.type = $type, a.status = 'active', a.origin = $origin, a.createdAt = datetime(),
                          a.creating = true
            WITH c, a, coalesce(a.creating, false) AS created
            REMOVE a.creating
            MERGE (a)-[h:HANDLES]->(c)
            ON CREATE SET h.weight = $weight
            """ + RETURN_AGENT + ", created";

    private static final String DELETE = "MATCH (a:Agent {id: $id}) DETACH DELETE a";

    private static final String SEED_AGENTS = """
            UNWIND $agents AS agent
            MATCH (c:Concept {name: agent.concept})
            MERGE (a:Agent {id: agent.id})
            ON CREATE SET a.type = agent.type, a.status = 'active', a.origin = 'seed', a.createdAt = datetime(),
                          a.creating = true
            WITH c, a, coalesce(a.creating, false) AS created
            REMOVE a.creating
            MERGE (a)-[h:HANDLES]->(c)
            ON CREATE SET h.weight = 1.0
            RETURN count(CASE WHEN created THEN 1 END) AS created
            """;

    private final Neo4jClient neo4j;

    public AgentRegistry(Neo4jClient neo4j) {
        this.neo4j = neo4j;
    }

    /** Active agents of the concept (name or alias) that can answer the intent, strongest HANDLES edge first. */
    public List<AgentDescriptor> discover(String concept, Intent intent) {
        List<String> types = Arrays.stream(AgentType.values()).filter(type -> type.handles(intent))
                .map(AgentType::name).toList();
        if (types.isEmpty()) {
            return List.of();
        }
        return List.copyOf(this.neo4j.query(DISCOVER)
                .bindAll(Map.of("name", concept, "types", types))
                .fetchAs(AgentDescriptor.class)
                .mappedBy((t, row) -> descriptor(row))
                .all());
    }

    public Optional<AgentDescriptor> byId(String id) {
        return this.neo4j.query(BY_ID).bind(id).to("id")
                .fetchAs(AgentDescriptor.class)
                .mappedBy((t, row) -> descriptor(row))
                .one();
    }

    /** The agent of that type for the concept (name or alias), created unless it exists; empty if no such concept. */
    @Transactional
    public Optional<RegisteredAgent> register(String concept, AgentType type, AgentOrigin origin, double weight) {
        return this.neo4j.query(CREATE)
                .bindAll(Map.of("name", concept, "type", type.name(), "origin", origin.value(), "weight", weight,
                        "typePrefix", AgentIds.of(type, "")))
                .fetchAs(RegisteredAgent.class)
                .mappedBy((t, row) -> new RegisteredAgent(descriptor(row), row.get("created").asBoolean()))
                .one();
    }

    /** Removes an agent whose creation could not be announced, so that asking again creates and announces it. */
    @Transactional
    public void remove(String id) {
        this.neo4j.query(DELETE).bind(id).to("id").run();
    }

    /**
     * Gives each of the concepts one agent of each given type (origin seed, weight 1.0) unless it has it.
     *
     * @return how many agents this created
     */
    @Transactional
    public long ensureSeedAgents(List<String> concepts, List<AgentType> types) {
        List<Map<String, Object>> rows = concepts.stream()
                .flatMap(concept -> types.stream().map(type -> Map.<String, Object>of("id", AgentIds.of(type, concept),
                        "type", type.name(), "concept", concept)))
                .toList();
        return this.neo4j.query(SEED_AGENTS).bind(rows).to("agents")
                .fetchAs(Long.class)
                .mappedBy((t, row) -> row.get("created").asLong())
                .one()
                .orElse(0L);
    }

    private static AgentDescriptor descriptor(Record row) {
        return new AgentDescriptor(row.get("id").asString(), AgentType.valueOf(row.get("type").asString()),
                row.get("concept").asString(), row.get("status").asString(), row.get("origin").asString(),
                row.get("createdAt").asZonedDateTime().withZoneSameInstant(ZoneOffset.UTC).toInstant(),
                row.get("weight").asDouble());
    }

    /**
     * An agent the registry holds after a request for it.
     *
     * @param agent the agent
     * @param created whether this request created it
     */
    public record RegisteredAgent(AgentDescriptor agent, boolean created) {
    }
}
