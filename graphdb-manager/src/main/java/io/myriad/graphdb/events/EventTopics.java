package io.myriad.graphdb.events;

import io.myriad.contracts.Topics;
import io.myriad.observability.kafka.KafkaTopics;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The topics this service publishes on. Their consumers declare them too, with the same settings; declaring them
 * here as well means the first event never waits for (or depends on) a broker's automatic topic creation.
 */
@Configuration(proxyBeanMethods = false)
class EventTopics {

    @Bean
    NewTopic agentLifecycleTopic(KafkaTopics topics) {
        return topics.topic(Topics.AGENT_LIFECYCLE, 3);
    }

    @Bean
    NewTopic conceptChangesTopic(KafkaTopics topics) {
        return topics.topic(Topics.CONCEPT_CHANGES, 3);
    }
}
