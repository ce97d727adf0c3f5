package io.myriad.graphdb.stats;

import io.myriad.contracts.graph.RegistryStats;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Repository;

/** Counts of what the graph holds, each in one Cypher round trip. */
@Repository
public class RegistryCounts {

    private static final String STATS = """
            RETURN COUNT { (:Concept) } AS concepts, COUNT { (:Agent) } AS agents,
                   COUNT { (a:Agent) WHERE a.status = 'active' } AS activeAgents
            """;

    private static final String BY_ORIGIN = """
            RETURN COUNT { (:Concept) } AS concepts,
                   COUNT { (a:Agent) WHERE a.origin = 'seed' } AS seed,
                   COUNT { (a:Agent) WHERE a.origin = 'neurogenesis' } AS neurogenesis
            """;

    private final Neo4jClient neo4j;

    public RegistryCounts(Neo4jClient neo4j) {
        this.neo4j = neo4j;
    }

    public RegistryStats stats() {
        return this.neo4j.query(STATS)
                .fetchAs(RegistryStats.class)
                .mappedBy((t, row) -> new RegistryStats(row.get("concepts").asLong(), row.get("agents").asLong(),
                        row.get("activeAgents").asLong()))
                .one()
                .orElseThrow();
    }

    /** Concepts, and agents by origin. */
    public GraphSize size() {
        return this.neo4j.query(BY_ORIGIN)
                .fetchAs(GraphSize.class)
                .mappedBy((t, row) -> new GraphSize(row.get("concepts").asLong(), row.get("seed").asLong(),
                        row.get("neurogenesis").asLong()))
                .one()
                .orElseThrow();
    }

    /**
     * What the gauges show.
     *
     * @param concepts concepts in the graph
     * @param seedAgents agents of origin {@code seed}
     * @param neurogenesisAgents agents of origin {@code neurogenesis}
     */
    public record GraphSize(long concepts, long seedAgents, long neurogenesisAgents) {
    }
}
