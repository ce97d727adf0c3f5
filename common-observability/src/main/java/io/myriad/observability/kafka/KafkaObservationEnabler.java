package io.myriad.observability.kafka;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.kafka.config.AbstractKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;

/**
 * Switches observation on for templates and containers a service builds itself. Boot's
 * {@code spring.kafka.*.observation-enabled} only reach the ones Boot builds, and a template without
 * observation silently drops the trace at the Kafka hop.
 */
class KafkaObservationEnabler implements BeanPostProcessor {

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof KafkaTemplate<?, ?> template) {
            template.setObservationEnabled(true);
        }
        else if (bean instanceof AbstractKafkaListenerContainerFactory<?, ?, ?> factory) {
            factory.getContainerProperties().setObservationEnabled(true);
        }
        else if (bean instanceof AbstractMessageListenerContainer<?, ?> container) {
            container.getContainerProperties().setObservationEnabled(true);
        }
        return bean;
    }
}
