package io.myriad.graphdb.concept;

/**
 * The Cypher that finds the concept a caller means by {@code $name}: its canonical name, else one of its aliases.
 * Leaves one row with {@code c} bound, or none. Callers canonicalise {@code $name} first.
 */
public final class ConceptResolution {

    public static final String MATCH_CONCEPT = """
            MATCH (c:Concept) WHERE c.name = $name OR $name IN c.aliases
            WITH c ORDER BY CASE WHEN c.name = $name THEN 0 ELSE 1 END, c.name LIMIT 1
            """;

    private ConceptResolution() {
    }
}
