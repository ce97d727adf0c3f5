package io.myriad.observability.kafka;

import io.myriad.observability.MyriadObservabilityProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

final class KafkaObservabilityConfigurations {

    private KafkaObservabilityConfigurations() {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "myriad.observability.kafka.observation-enabled", matchIfMissing = true)
    static class Observation {

        @Bean
        @ConditionalOnMissingBean
        static KafkaObservationEnabler kafkaObservationEnabler() {
            return new KafkaObservationEnabler();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnBean(KafkaAdmin.class)
    @ConditionalOnEnabledHealthIndicator("kafka")
    static class Health {

        @Bean(name = "kafkaHealthIndicator", destroyMethod = "close")
        @ConditionalOnMissingBean(name = "kafkaHealthIndicator")
        KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin admin, MyriadObservabilityProperties properties) {
            return new KafkaHealthIndicator(admin, properties.kafka().healthTimeout());
        }
    }
}
