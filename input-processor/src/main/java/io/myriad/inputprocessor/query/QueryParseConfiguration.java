package io.myriad.inputprocessor.query;

import io.myriad.contracts.Topics;
import io.myriad.observability.kafka.KafkaTopics;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

@Configuration(proxyBeanMethods = false)
class QueryParseConfiguration {

    @Bean
    KafkaAdmin.NewTopics queryParseTopics(KafkaTopics topics) {
        return topics.consumed(Topics.QUERY_PARSE, 3);
    }
}
