package io.myriad.agents.knowledge;

import io.myriad.contracts.Topics;
import io.myriad.contracts.graph.ConceptsChanged;
import io.myriad.observability.kafka.KafkaTopics;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaAdmin;

/** Evicts cached knowledge of the concepts the graphdb-manager reports changed; every instance hears every change. */
@Configuration(proxyBeanMethods = false)
public class ConceptChangesListener {

    private final KnowledgeSource knowledge;

    public ConceptChangesListener(KnowledgeSource knowledge) {
        this.knowledge = knowledge;
    }

    @Bean
    KafkaAdmin.NewTopics conceptChangesTopics(KafkaTopics topics) {
        return topics.consumed(Topics.CONCEPT_CHANGES, 3);
    }

    @KafkaListener(id = "agents-concept-changes", topics = Topics.CONCEPT_CHANGES,
            groupId = "agents-concepts-${random.uuid}")
    void onConceptsChanged(ConceptsChanged event) {
        if (event.names() != null) {
            this.knowledge.evict(event.names());
        }
    }
}
