package io.myriad.inputprocessor.vocabulary;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.myriad.contracts.graph.ConceptName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The vocabulary the parser matches against: an immutable {@link Vocabulary} swapped atomically on each
 * successful reload, so a parse never sees half a vocabulary and never waits for a reload.
 */
@Component
public class ConceptVocabulary implements VocabularySource {

    private static final Logger log = LoggerFactory.getLogger(ConceptVocabulary.class);

    private final AtomicReference<Vocabulary> current = new AtomicReference<>(Vocabulary.EMPTY);

    // Reloads are serialised so that a slow, older answer can never replace a newer one.
    private final ReentrantLock reloading = new ReentrantLock();

    private final ConceptNamesClient client;

    private final Map<RefreshOutcome, Counter> refreshes = new EnumMap<>(RefreshOutcome.class);

    private volatile boolean loaded;

    private volatile boolean failing;

    public ConceptVocabulary(ConceptNamesClient client, MeterRegistry registry) {
        this.client = client;
        for (RefreshOutcome outcome : RefreshOutcome.values()) {
            this.refreshes.put(outcome, Counter.builder("input.vocabulary.refreshes")
                    .description("Reloads of the concept vocabulary from graphdb-manager, by outcome")
                    .baseUnit("refreshes")
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
        // No base unit: Prometheus would append it and the series must be input_vocabulary_size.
        Gauge.builder("input.vocabulary.size", this, vocabulary -> vocabulary.current().size())
                .description("Concepts in the vocabulary the input-processor matches questions against")
                .register(registry);
    }

    @Override
    public Vocabulary current() {
        return this.current.get();
    }

    /** Whether a reload has succeeded at least once. */
    public boolean isLoaded() {
        return this.loaded;
    }

    /** Reloads from graphdb-manager; on failure keeps the vocabulary it has. Returns whether it reloaded. */
    public boolean refresh() {
        this.reloading.lock();
        try {
            List<ConceptName> names = this.client.conceptNames();
            Vocabulary vocabulary = Vocabulary.of(names);
            Vocabulary previous = this.current.getAndSet(vocabulary);
            this.refreshes.get(RefreshOutcome.SUCCESS).increment();
            if (!this.loaded || this.failing || previous.size() != vocabulary.size()) {
                log.info("Concept vocabulary loaded: {} concepts (was {})", vocabulary.size(), previous.size());
            }
            this.loaded = true;
            this.failing = false;
            return true;
        }
        catch (RuntimeException ex) {
            this.refreshes.get(RefreshOutcome.FAILURE).increment();
            if (!this.failing) {
                log.warn("Concept vocabulary not reloaded, keeping {} concepts: {}", current().size(), ex.toString());
            }
            this.failing = true;
            return false;
        }
        finally {
            this.reloading.unlock();
        }
    }

    enum RefreshOutcome {
        SUCCESS, FAILURE
    }
}
