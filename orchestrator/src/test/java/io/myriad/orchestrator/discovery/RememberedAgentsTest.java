package io.myriad.orchestrator.discovery;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import io.myriad.contracts.graph.AgentDescriptor;
import io.myriad.contracts.graph.AgentType;
import io.myriad.contracts.query.Intent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RememberedAgentsTest {

    private static final AgentDescriptor DEFINITION = new AgentDescriptor("definition-lightbulb",
            AgentType.DEFINITION, "lightbulb", "active", "seed", Instant.EPOCH, 1.0);

    private final AtomicLong now = new AtomicLong(1_000);

    @Test
    void recallsAnAgentForTheSameConceptAndIntentUntilItExpires() {
        RememberedAgents agents = new RememberedAgents(Duration.ofSeconds(5), this.now::get);
        agents.remember("lightbulb", Intent.DEFINE, DEFINITION);

        this.now.addAndGet(Duration.ofMillis(4999).toNanos());
        assertThat(agents.recall("lightbulb", Intent.DEFINE)).contains(DEFINITION);
        assertThat(agents.recall("lightbulb", Intent.FUNCTION)).isEmpty();
        assertThat(agents.recall("lamp", Intent.DEFINE)).isEmpty();

        this.now.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(agents.recall("lightbulb", Intent.DEFINE)).isEmpty();
    }

    @Test
    void remembersNothingWhenItsTimeToLiveIsZero() {
        RememberedAgents agents = new RememberedAgents(Duration.ZERO, this.now::get);
        agents.remember("lightbulb", Intent.DEFINE, DEFINITION);

        assertThat(agents.recall("lightbulb", Intent.DEFINE)).isEmpty();
    }

    @Test
    void startsAfreshRatherThanGrowingPastItsBound() {
        RememberedAgents agents = new RememberedAgents(Duration.ofMinutes(1), this.now::get);
        for (int i = 0; i < RememberedAgents.MOST; i++) {
            agents.remember("concept" + i, Intent.DEFINE, DEFINITION);
        }
        assertThat(agents.recall("concept0", Intent.DEFINE)).isPresent();

        agents.remember("one-more", Intent.DEFINE, DEFINITION);

        assertThat(agents.recall("concept0", Intent.DEFINE)).isEmpty();
        assertThat(agents.recall("one-more", Intent.DEFINE)).contains(DEFINITION);
    }
}
