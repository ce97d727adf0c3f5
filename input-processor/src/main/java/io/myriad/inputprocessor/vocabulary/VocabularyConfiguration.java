package io.myriad.inputprocessor.vocabulary;

import io.myriad.contracts.Topics;
import io.myriad.observability.kafka.KafkaTopics;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ GraphdbProperties.class, VocabularyProperties.class })
class VocabularyConfiguration {

    @Bean
    KafkaAdmin.NewTopics conceptChangesTopics(KafkaTopics topics) {
        return topics.consumed(Topics.CONCEPT_CHANGES, 3);
    }
}
