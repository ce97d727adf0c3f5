package io.myriad.observability.logging;

import ch.qos.logback.classic.LoggerContext;
import com.github.loki4j.logback.Loki4jAppender;
import io.myriad.observability.MyriadObservabilityProperties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * Log shipping to Loki, off until {@code myriad.observability.logging.loki.enabled=true}. The JSON lines on
 * stdout stay either way (Boot's structured logging, set by the fleet defaults); Kubernetes collects those.
 */
@AutoConfiguration
@ConditionalOnClass({ Loki4jAppender.class, LoggerContext.class })
@EnableConfigurationProperties(MyriadObservabilityProperties.class)
@Import(LoggingObservabilityConfigurations.Loki.class)
public class LoggingObservabilityAutoConfiguration {
}
