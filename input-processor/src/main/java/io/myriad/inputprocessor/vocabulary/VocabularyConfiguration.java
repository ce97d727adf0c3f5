package io.myriad.inputprocessor.vocabulary;

import io.myriad.contracts.Topics;
import io.myriad.contracts.graph.client.GraphdbClientConfiguration;
import io.myriad.observability.kafka.KafkaTopics;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaAdmin;

// The fleet's graphdb-manager client, which ConceptNamesClient reads through.
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VocabularyProperties.class)
@Import(GraphdbClientConfiguration.class)
class VocabularyConfiguration {

    @Bean
    KafkaAdmin.NewTopics conceptChangesTopics(KafkaTopics topics) {
        return topics.consumed(Topics.CONCEPT_CHANGES, 3);
    }
}
