package io.myriad.graphdb.events;

import io.myriad.contracts.Topics;

import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The topics this service publishes on. Their consumers declare them too, with the same settings; declaring them
 * here as well means the first event never waits for (or depends on) a broker's automatic topic creation.
 */
@Configuration(proxyBeanMethods = false)
class EventTopics {

    @Bean
    NewTopic agentLifecycleTopic() {
        return TopicBuilder.name(Topics.AGENT_LIFECYCLE).partitions(3).replicas(1).build();
    }

    @Bean
    NewTopic conceptChangesTopic() {
        return TopicBuilder.name(Topics.CONCEPT_CHANGES).partitions(3).replicas(1).build();
    }
}
