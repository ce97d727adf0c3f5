package io.myriad.orchestrator.messaging;

import java.util.UUID;

import io.myriad.contracts.Topics;
import io.myriad.observability.kafka.KafkaTopics;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.requestreply.ReplyingKafkaTemplate;

/**
 * One request/reply template for every hop: the input-processor, the agents and the output-processor all answer
 * on {@link Topics#ORCHESTRATOR_REPLIES}. Each instance reads every reply (its own consumer group) and keeps the
 * ones whose correlation id it issued, so several orchestrators can share the topic.
 */
@Configuration(proxyBeanMethods = false)
class RequestReplyConfiguration {

    @Bean
    KafkaAdmin.NewTopics orchestratorRepliesTopics(KafkaTopics topics) {
        return topics.consumed(Topics.ORCHESTRATOR_REPLIES, 3);
    }

    /** Built from Boot's factory, so it is observed and configured like every other container of the fleet. */
    @Bean
    @SuppressWarnings("unchecked")
    ConcurrentMessageListenerContainer<String, Object> orchestratorRepliesContainer(
            ConcurrentKafkaListenerContainerFactory<?, ?> factory) {
        ConcurrentMessageListenerContainer<String, Object> container =
                (ConcurrentMessageListenerContainer<String, Object>) factory.createContainer(Topics.ORCHESTRATOR_REPLIES);
        container.getContainerProperties().setGroupId("orchestrator-replies-" + UUID.randomUUID());
        // A fresh group per instance: replaying the topic's history would only deliver replies nobody waits for.
        container.getContainerProperties().getKafkaConsumerProperties()
                .setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        // The template starts and stops it.
        container.setAutoStartup(false);
        return container;
    }

    @Bean
    @SuppressWarnings("unchecked")
    ReplyingKafkaTemplate<String, Object, Object> replyingKafkaTemplate(ProducerFactory<?, ?> producerFactory,
            ConcurrentMessageListenerContainer<String, Object> orchestratorRepliesContainer) {
        ReplyingKafkaTemplate<String, Object, Object> template = new ReplyingKafkaTemplate<>(
                (ProducerFactory<String, Object>) producerFactory, orchestratorRepliesContainer);
        template.setSharedReplyTopic(true);
        return template;
    }
}
