package io.myriad.observability.kafka;

import io.myriad.observability.MyriadObservabilityProperties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Kafka as the fleet needs it observed: trace context carried through every template and listener container
 * the service has (Boot's own and those it builds itself), and a readiness check that asks the brokers.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass(KafkaTemplate.class)
@ConditionalOnBooleanProperty(name = "myriad.observability.kafka.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MyriadObservabilityProperties.class)
@Import({ KafkaObservabilityConfigurations.Observation.class, KafkaObservabilityConfigurations.Health.class })
public class KafkaObservabilityAutoConfiguration {
}
