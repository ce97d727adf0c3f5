package io.myriad.inputprocessor.vocabulary;

import io.myriad.contracts.Topics;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ GraphdbProperties.class, VocabularyProperties.class })
class VocabularyConfiguration {

    @Bean
    NewTopic conceptChangesTopic() {
        return TopicBuilder.name(Topics.CONCEPT_CHANGES).partitions(3).replicas(1).build();
    }
}
