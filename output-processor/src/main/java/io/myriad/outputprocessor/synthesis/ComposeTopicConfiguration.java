package io.myriad.outputprocessor.synthesis;

import io.myriad.contracts.Topics;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The output-processor owns the compose topic, so it declares it. */
@Configuration(proxyBeanMethods = false)
class ComposeTopicConfiguration {

    @Bean
    NewTopic composeTopic() {
        return TopicBuilder.name(Topics.ANSWER_COMPOSE).partitions(3).replicas(1).build();
    }
}
