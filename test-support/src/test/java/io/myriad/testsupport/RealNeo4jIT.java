package io.myriad.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

@RealNeo4j
class RealNeo4jIT {

    @Test
    void readsBackOverBoltWhatACypherWriteStored(Neo4jServer neo4j) {
        try (Driver driver = GraphDatabase.driver(neo4j.boltUri(), AuthTokens.none())) {
            // given
            driver.executableQuery("CREATE (:Concept {name: $name})-[:HAS_FUNCTION]->(:Fact {text: $text})")
                    .withParameters(Map.of("name", "lightbulb", "text", "makes light"))
                    .execute();

            // when
            var facts = driver.executableQuery(
                    "MATCH (:Concept {name: $name})-[:HAS_FUNCTION]->(f:Fact) RETURN f.text AS text")
                    .withParameters(Map.of("name", "lightbulb"))
                    .execute()
                    .records();

            // then
            assertThat(facts).extracting(fact -> fact.get("text").asString()).containsExactly("makes light");
        }
    }

    @Test
    void runsEmbeddedExactlyWhenNoDockerEngineAnswers(Neo4jServer neo4j) {
        assertThat(neo4j.mode()).isEqualTo(ExpectedMode.here());
    }

    @Test
    void publishesItsAddressForSpringBootAwayFromTheFleetsSeedPort(Neo4jServer neo4j) {
        assertThat(System.getProperty("spring.neo4j.uri")).isEqualTo(neo4j.boltUri().toString());
        assertThat(neo4j.boltUri().getScheme()).isEqualTo("bolt");
        assertThat(neo4j.boltUri().getPort()).isNotEqualTo(7687);
    }
}
