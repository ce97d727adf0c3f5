package io.myriad.inputprocessor.query;

import io.myriad.contracts.Topics;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

@Configuration(proxyBeanMethods = false)
class QueryParseConfiguration {

    @Bean
    NewTopic queryParseTopic() {
        return TopicBuilder.name(Topics.QUERY_PARSE).partitions(3).replicas(1).build();
    }
}
