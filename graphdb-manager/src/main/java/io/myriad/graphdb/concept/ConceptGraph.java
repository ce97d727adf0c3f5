package io.myriad.graphdb.concept;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.myriad.contracts.graph.ConceptKnowledge;
import io.myriad.contracts.graph.ConceptName;

import org.neo4j.driver.Value;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The concepts in Neo4j: each read is one Cypher round trip; an import is one transaction. */
@Repository
public class ConceptGraph {

    private static final String NAMES = """
            MATCH (c:Concept) RETURN c.name AS name, coalesce(c.aliases, []) AS aliases ORDER BY name
            """;

    private static final String KNOWLEDGE = ConceptResolution.MATCH_CONCEPT + """
            OPTIONAL MATCH (c)-[r:IS_A|PART_OF|USED_FOR|RELATED_TO]-(other:Concept)
            WITH c, r, other ORDER BY type(r), other.name
            RETURN c.name AS name, coalesce(c.aliases, []) AS aliases, c.definition AS definition,
                   coalesce(c.uses, []) AS uses, coalesce(c.facts, []) AS facts,
                   collect(CASE WHEN r IS NULL THEN null ELSE {type: type(r), target: other.name,
                       outgoing: startNode(r) = c, definition: other.definition} END) AS relations
            """;

    private static final String EXISTING = """
            UNWIND $names AS name MATCH (c:Concept {name: name}) RETURN c.name AS name
            """;

    private static final String MERGE_CONCEPTS = """
            UNWIND $concepts AS concept
            MERGE (c:Concept {name: concept.name})
            SET c.aliases = concept.aliases, c.definition = concept.definition, c.uses = concept.uses,
                c.facts = concept.facts
            """;

    private static final String MERGE_CONCEPTS_IF_ABSENT = """
            UNWIND $concepts AS concept
            MERGE (c:Concept {name: concept.name})
            ON CREATE SET c.aliases = concept.aliases, c.definition = concept.definition, c.uses = concept.uses,
                c.facts = concept.facts
            """;

    // Relationship types cannot be parameters in Cypher 5; one FOREACH per type keeps it one statement.
    private static final String MERGE_RELATIONS = """
            UNWIND $relations AS relation
            MATCH (source:Concept {name: relation.source}), (target:Concept {name: relation.target})
            FOREACH (_ IN CASE WHEN relation.type = 'IS_A' THEN [1] ELSE [] END | MERGE (source)-[:IS_A]->(target))
            FOREACH (_ IN CASE WHEN relation.type = 'PART_OF' THEN [1] ELSE [] END | MERGE (source)-[:PART_OF]->(target))
            FOREACH (_ IN CASE WHEN relation.type = 'USED_FOR' THEN [1] ELSE [] END | MERGE (source)-[:USED_FOR]->(target))
            FOREACH (_ IN CASE WHEN relation.type = 'RELATED_TO' THEN [1] ELSE [] END | MERGE (source)-[:RELATED_TO]->(target))
            RETURN count(relation) AS matched
            """;

    private final Neo4jClient neo4j;

    public ConceptGraph(Neo4jClient neo4j) {
        this.neo4j = neo4j;
    }

    public List<ConceptName> names() {
        return List.copyOf(this.neo4j.query(NAMES)
                .fetchAs(ConceptName.class)
                .mappedBy((types, row) -> new ConceptName(row.get("name").asString(),
                        row.get("aliases").asList(Value::asString)))
                .all());
    }

    public Optional<ConceptKnowledge> knowledge(String name) {
        return this.neo4j.query(KNOWLEDGE)
                .bind(name).to("name")
                .fetchAs(ConceptKnowledge.class)
                .mappedBy((types, row) -> new ConceptKnowledge(row.get("name").asString(),
                        row.get("aliases").asList(Value::asString), row.get("definition").asString(null),
                        row.get("uses").asList(Value::asString), row.get("facts").asList(Value::asString),
                        row.get("relations").asList(relation -> new ConceptKnowledge.Relation(
                                relation.get("type").asString(), relation.get("target").asString(),
                                relation.get("outgoing").asBoolean(), relation.get("definition").asString(null)))))
                .one();
    }

    /** Which of the given canonical names are concepts in the graph. */
    public Set<String> existing(Set<String> names) {
        Collection<String> found = this.neo4j.query(EXISTING)
                .bind(List.copyOf(names)).to("names")
                .fetchAs(String.class)
                .mappedBy((types, row) -> row.get("name").asString())
                .all();
        return new HashSet<>(found);
    }

    /**
     * Writes valid canonical concepts and their relations in one transaction. An existing concept takes the new
     * properties unless {@code keepExisting}; relations are only ever added.
     *
     * @return how many relations were written (or already there)
     */
    @Transactional
    public long write(List<ConceptInput> concepts, boolean keepExisting) {
        List<Map<String, Object>> conceptRows = concepts.stream()
                .map(concept -> Map.<String, Object>of("name", concept.name(), "aliases", concept.aliases(),
                        "definition", concept.definition(), "uses", concept.uses(), "facts", concept.facts()))
                .toList();
        List<Map<String, Object>> relationRows = concepts.stream()
                .flatMap(concept -> concept.relations().stream()
                        .map(relation -> Map.<String, Object>of("source", concept.name(), "type", relation.type(),
                                "target", relation.target())))
                .toList();
        this.neo4j.query(keepExisting ? MERGE_CONCEPTS_IF_ABSENT : MERGE_CONCEPTS)
                .bind(conceptRows).to("concepts")
                .run();
        long matched = this.neo4j.query(MERGE_RELATIONS)
                .bind(relationRows).to("relations")
                .fetchAs(Long.class)
                .mappedBy((types, row) -> row.get("matched").asLong())
                .one()
                .orElse(0L);
        if (matched != relationRows.size()) {
            // A target validated a moment ago was deleted since: refuse the batch rather than import half of it.
            throw new ConcurrencyFailureException("Only " + matched + " of " + relationRows.size()
                    + " relation targets are still in the graph");
        }
        return matched;
    }
}
