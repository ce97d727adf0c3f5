package io.myriad.observability.kafka;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Kafka as the fleet needs it to keep its word: topics declared with the environment's replication, a record that
 * cannot be processed sent to {@code <topic>.DLT} after bounded retries (counted, and replayable through
 * {@code /actuator/deadletters}), and requests whose sender stopped waiting skipped. Boot gives its listener container
 * factory the one {@code CommonErrorHandler} and {@code RecordInterceptor} bean, so every listener and every container
 * created from that factory gets them.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass(KafkaTemplate.class)
@ConditionalOnBooleanProperty(name = "myriad.kafka.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MyriadKafkaProperties.class)
@Import({ KafkaDeliveryConfigurations.Topics.class, KafkaDeliveryConfigurations.Metrics.class,
        KafkaDeliveryConfigurations.DeadLetters.class, KafkaDeliveryConfigurations.ExpiredRequests.class,
        KafkaDeliveryConfigurations.DeadLettersEndpointConfiguration.class })
public class KafkaDeliveryAutoConfiguration {
}
