package io.myriad.graphdb.seed;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;

/** The constraints the graph relies on: one concept per name, one agent per id (which MERGE also locks on). */
@Component
public class GraphSchema {

    private final Neo4jClient neo4j;

    public GraphSchema(Neo4jClient neo4j) {
        this.neo4j = neo4j;
    }

    /** Creates the constraints unless they exist; each in its own transaction, as schema changes must be. */
    public void ensure() {
        this.neo4j.query("CREATE CONSTRAINT concept_name IF NOT EXISTS FOR (c:Concept) REQUIRE c.name IS UNIQUE").run();
        this.neo4j.query("CREATE CONSTRAINT agent_id IF NOT EXISTS FOR (a:Agent) REQUIRE a.id IS UNIQUE").run();
    }
}
