package io.myriad.orchestrator.discovery;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import io.myriad.contracts.graph.AgentDescriptor;
import io.myriad.contracts.query.Intent;

/**
 * The agent discovery last found for each (concept, intent), for a few seconds. Every task of every query asks the
 * same few questions of the registry, and at a hundred queries a second those calls (an HTTP hop and a Neo4j
 * query each) were the largest share of the fleet's work. A registry change (a stronger edge, a new agent) is seen
 * once the entry expires. Only found agents are remembered: a concept with none goes to neurogenesis every time
 * until the registry has one.
 */
final class RememberedAgents {

    /** Past this many entries the memory is emptied rather than grown; the registry holds a few hundred pairs. */
    static final int MOST = 10_000;

    private final Map<Key, Remembered> remembered = new ConcurrentHashMap<>();

    private final long ttlNanos;

    private final LongSupplier nanoTime;

    RememberedAgents(Duration ttl, LongSupplier nanoTime) {
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
    }

    Optional<AgentDescriptor> recall(String concept, Intent intent) {
        if (this.ttlNanos <= 0) {
            return Optional.empty();
        }
        Remembered entry = this.remembered.get(new Key(concept, intent));
        if (entry == null || this.nanoTime.getAsLong() - entry.at() >= this.ttlNanos) {
            return Optional.empty();
        }
        return Optional.of(entry.agent());
    }

    void remember(String concept, Intent intent, AgentDescriptor agent) {
        if (this.ttlNanos <= 0) {
            return;
        }
        if (this.remembered.size() >= MOST) {
            this.remembered.clear();
        }
        this.remembered.put(new Key(concept, intent), new Remembered(agent, this.nanoTime.getAsLong()));
    }

    private record Key(String concept, Intent intent) {
    }

    private record Remembered(AgentDescriptor agent, long at) {
    }
}
