package io.myriad.observability.logging;

import io.myriad.observability.MyriadObservabilityProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

final class LoggingObservabilityConfigurations {

    private LoggingObservabilityConfigurations() {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty("myriad.observability.logging.loki.enabled")
    static class Loki {

        @Bean
        @ConditionalOnMissingBean
        LokiLogShipper lokiLogShipper(MyriadObservabilityProperties properties, Environment environment) {
            return new LokiLogShipper(properties.logging().loki(),
                    environment.getProperty("spring.application.name", "unknown"), properties.env(), environment);
        }
    }
}
