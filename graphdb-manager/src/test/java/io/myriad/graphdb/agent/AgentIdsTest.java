package io.myriad.graphdb.agent;

import io.myriad.contracts.graph.AgentType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AgentIdsTest {

    @Test
    void idsAreTypeThenConceptInLowerCaseWithDashes() {
        assertThat(AgentIds.of(AgentType.DEFINITION, "lightbulb")).isEqualTo("definition-lightbulb");
        assertThat(AgentIds.of(AgentType.FACT_BASE, "electric kettle")).isEqualTo("fact-base-electric-kettle");
    }
}
