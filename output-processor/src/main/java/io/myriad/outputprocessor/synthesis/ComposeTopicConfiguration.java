package io.myriad.outputprocessor.synthesis;

import io.myriad.contracts.Topics;
import io.myriad.observability.kafka.KafkaTopics;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** The output-processor owns the compose topic, so it declares it. */
@Configuration(proxyBeanMethods = false)
class ComposeTopicConfiguration {

    @Bean
    KafkaAdmin.NewTopics composeTopics(KafkaTopics topics) {
        return topics.consumed(Topics.ANSWER_COMPOSE, 3);
    }
}
