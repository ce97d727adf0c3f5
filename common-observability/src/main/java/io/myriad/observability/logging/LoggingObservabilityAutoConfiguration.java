package io.myriad.observability.logging;

import ch.qos.logback.classic.LoggerContext;
import com.github.loki4j.logback.Loki4jAppender;
import io.myriad.observability.MyriadObservabilityProperties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Log shipping to Loki, off until {@code myriad.observability.logging.loki.enabled=true}. The JSON lines on
 * stdout stay either way (Boot's structured logging, set by the fleet defaults); Kubernetes collects those.
 */
@AutoConfiguration
@ConditionalOnClass({ Loki4jAppender.class, LoggerContext.class })
@ConditionalOnProperty("myriad.observability.logging.loki.enabled")
@EnableConfigurationProperties(MyriadObservabilityProperties.class)
public class LoggingObservabilityAutoConfiguration {

    @Bean(destroyMethod = "detach")
    @ConditionalOnMissingBean
    LokiLogShipper lokiLogShipper(MyriadObservabilityProperties properties, Environment environment) {
        LokiLogShipper shipper = new LokiLogShipper(properties.logging().loki(),
                environment.getProperty("spring.application.name", "unknown"), properties.env());
        shipper.attach();
        return shipper;
    }
}
