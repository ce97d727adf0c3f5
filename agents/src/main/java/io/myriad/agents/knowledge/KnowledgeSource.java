package io.myriad.agents.knowledge;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.myriad.agents.graphdb.GraphdbClient;
import io.myriad.contracts.graph.ConceptKnowledge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * What the graph knows of a concept, read through a Redis cache shared by every instance. Redis is an accelerator,
 * not a dependency of the answer: when it fails the graphdb-manager is asked (and the lookup counts as a miss).
 */
@Component
public class KnowledgeSource {

    static final String KEY_PREFIX = "myriad:knowledge:";

    private static final Logger log = LoggerFactory.getLogger(KnowledgeSource.class);

    private final GraphdbClient graphdb;

    private final StringRedisTemplate redis;

    private final JsonMapper json;

    private final KnowledgeProperties properties;

    private final Counter hits;

    private final Counter misses;

    private volatile boolean redisFailing;

    public KnowledgeSource(GraphdbClient graphdb, StringRedisTemplate redis, JsonMapper json,
            KnowledgeProperties properties, MeterRegistry meters) {
        this.graphdb = graphdb;
        this.redis = redis;
        this.json = json;
        this.properties = properties;
        this.hits = Counter.builder("agents.cache.hits")
                .description("Concept knowledge lookups answered by the Redis cache")
                .register(meters);
        this.misses = Counter.builder("agents.cache.misses")
                .description("Concept knowledge lookups that had to ask the graphdb-manager")
                .register(meters);
    }

    /**
     * What the graph knows of the concept, empty when it knows no such concept.
     * @throws io.myriad.agents.graphdb.GraphdbUnavailableException when the graphdb-manager must be asked and
     * does not answer
     */
    public Optional<ConceptKnowledge> find(String concept) {
        String key = key(concept);
        Optional<ConceptKnowledge> cached = readCache(key);
        if (cached.isPresent()) {
            this.hits.increment();
            return cached;
        }
        this.misses.increment();
        Optional<ConceptKnowledge> knowledge = this.graphdb.concept(concept);
        knowledge.ifPresent(found -> writeCache(key, found));
        return knowledge;
    }

    /** Forgets what was cached of these concepts, so the next lookup reads the graph again. */
    public void evict(Collection<String> concepts) {
        List<String> keys = concepts.stream().map(KnowledgeSource::key).toList();
        if (keys.isEmpty()) {
            return;
        }
        try {
            this.redis.delete(keys);
        }
        catch (DataAccessException ex) {
            // Cached entries outlive a change by at most the TTL.
            redisFailed(ex);
        }
    }

    private Optional<ConceptKnowledge> readCache(String key) {
        try {
            String cached = this.redis.opsForValue().get(key);
            redisAnswered();
            return Optional.ofNullable(cached).map(value -> this.json.readValue(value, ConceptKnowledge.class));
        }
        catch (DataAccessException ex) {
            redisFailed(ex);
        }
        catch (JacksonException ex) {
            log.warn("Ignoring unreadable cache entry {}: {}", key, ex.getOriginalMessage());
        }
        return Optional.empty();
    }

    private void writeCache(String key, ConceptKnowledge knowledge) {
        try {
            this.redis.opsForValue().set(key, this.json.writeValueAsString(knowledge), this.properties.cacheTtl());
        }
        catch (DataAccessException ex) {
            redisFailed(ex);
        }
    }

    private void redisFailed(DataAccessException ex) {
        if (!this.redisFailing) {
            this.redisFailing = true;
            log.warn("Redis unavailable, reading concept knowledge from graphdb-manager: {}", ex.getMessage());
        }
    }

    private void redisAnswered() {
        if (this.redisFailing) {
            this.redisFailing = false;
            log.info("Redis answers again, caching concept knowledge");
        }
    }

    static String key(String concept) {
        return KEY_PREFIX + concept.toLowerCase(Locale.ROOT);
    }
}
