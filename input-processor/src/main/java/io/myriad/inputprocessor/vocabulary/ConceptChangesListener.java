package io.myriad.inputprocessor.vocabulary;

import io.myriad.contracts.Topics;
import io.myriad.contracts.graph.ConceptsChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reloads the vocabulary when graphdb-manager says concepts changed. Every instance keeps its own vocabulary, so
 * every instance must see every event: each one consumes in a group of its own, from the latest offset (what was
 * published before it started is already in the vocabulary it loads at start).
 */
@Component
public class ConceptChangesListener {

    /** The listener container's id, for tests that wait for its partitions. */
    public static final String LISTENER_ID = "input-processor-concept-changes";

    private static final Logger log = LoggerFactory.getLogger(ConceptChangesListener.class);

    private final ConceptVocabulary vocabulary;

    public ConceptChangesListener(ConceptVocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    @KafkaListener(id = LISTENER_ID, idIsGroup = false, topics = Topics.CONCEPT_CHANGES,
            groupId = "${spring.application.name}-${random.uuid}", properties = "auto.offset.reset=latest")
    void onConceptsChanged(ConceptsChanged event) {
        log.debug("Concepts changed: {}", event.names());
        this.vocabulary.refresh();
    }
}
