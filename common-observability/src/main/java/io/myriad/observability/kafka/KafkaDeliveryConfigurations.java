package io.myriad.observability.kafka;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.util.ClassUtils;

final class KafkaDeliveryConfigurations {

    private KafkaDeliveryConfigurations() {
    }

    @Configuration(proxyBeanMethods = false)
    static class Topics {

        @Bean
        @ConditionalOnMissingBean
        KafkaTopics kafkaTopics(MyriadKafkaProperties properties) {
            return new KafkaTopics(properties.topic());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Metrics {

        // The service's registry; the global one only where a service runs without Boot's metrics (some tests).
        @Bean
        @ConditionalOnMissingBean
        KafkaDeliveryMetrics kafkaDeliveryMetrics(ObjectProvider<MeterRegistry> registry, KafkaTopics topics) {
            return new KafkaDeliveryMetrics(
                    registry.getIfAvailable(() -> io.micrometer.core.instrument.Metrics.globalRegistry), topics);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "myriad.kafka.dead-letter.enabled", matchIfMissing = true)
    @ConditionalOnBean(ProducerFactory.class)
    static class DeadLetters {

        private static final String BEAN_VALIDATION_FAILURE = "jakarta.validation.ValidationException";

        @Bean(destroyMethod = "destroy")
        @ConditionalOnMissingBean
        DeadLetterRecoverer deadLetterRecoverer(ProducerFactory<?, ?> producers, KafkaDeliveryMetrics metrics,
                MyriadKafkaProperties properties) {
            return new DeadLetterRecoverer(deadLetterProducers(producers), metrics, validationExceptions(properties));
        }

        @Bean
        @ConditionalOnMissingBean(CommonErrorHandler.class)
        DefaultErrorHandler kafkaErrorHandler(DeadLetterRecoverer recoverer, MyriadKafkaProperties properties) {
            MyriadKafkaProperties.DeadLetter settings = properties.deadLetter();
            ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(settings.maxRetries());
            backOff.setInitialInterval(settings.initialInterval().toMillis());
            backOff.setMultiplier(settings.multiplier());
            backOff.setMaxInterval(settings.maxInterval().toMillis());
            // Spring Kafka already goes straight to the recoverer on deserialization and argument validation failures.
            DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
            List<Class<? extends Throwable>> validation = validationExceptions(properties);
            @SuppressWarnings("unchecked")
            Class<? extends Exception>[] notRetryable = validation.stream()
                    .filter(Exception.class::isAssignableFrom)
                    .toArray(Class[]::new);
            handler.addNotRetryableExceptions(notRetryable);
            return handler;
        }

        private static List<Class<? extends Throwable>> validationExceptions(MyriadKafkaProperties properties) {
            List<Class<? extends Throwable>> validation = new ArrayList<>(
                    properties.deadLetter().validationExceptions());
            if (ClassUtils.isPresent(BEAN_VALIDATION_FAILURE, DeadLetters.class.getClassLoader())) {
                validation.add(ClassUtils.resolveClassName(BEAN_VALIDATION_FAILURE, DeadLetters.class.getClassLoader())
                        .asSubclass(Throwable.class));
            }
            return List.copyOf(validation);
        }

        /**
         * The service's producer settings with serializers for both kinds of dead letter: the original bytes of a
         * record that failed to deserialize, and otherwise the value as read, written by the service's own value
         * serializer (JSON for the contract records).
         */
        private static DefaultKafkaProducerFactory<Object, Object> deadLetterProducers(
                ProducerFactory<?, ?> producers) {
            Map<String, Object> config = producers.getConfigurationProperties();
            Map<Class<?>, Serializer<?>> keys = new LinkedHashMap<>();
            keys.put(byte[].class, new ByteArraySerializer());
            keys.put(Object.class, new StringSerializer());
            Map<Class<?>, Serializer<?>> values = new LinkedHashMap<>();
            values.put(byte[].class, new ByteArraySerializer());
            values.put(Object.class, configuredSerializer(config.get(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG)));
            DefaultKafkaProducerFactory<Object, Object> factory = new DefaultKafkaProducerFactory<>(config,
                    new DelegatingByTypeSerializer(keys, true), new DelegatingByTypeSerializer(values, true));
            return factory;
        }

        private static Serializer<?> configuredSerializer(Object configured) {
            ClassLoader loader = DeadLetters.class.getClassLoader();
            if (configured instanceof Class<?> type) {
                return (Serializer<?>) BeanUtils.instantiateClass(type);
            }
            if (configured instanceof String name) {
                return (Serializer<?>) BeanUtils.instantiateClass(ClassUtils.resolveClassName(name, loader));
            }
            return new StringSerializer();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "myriad.kafka.requests.skip-expired", matchIfMissing = true)
    static class ExpiredRequests {

        @Bean
        @ConditionalOnMissingBean(RecordInterceptor.class)
        ExpiredRequestFilter expiredRequestFilter(KafkaDeliveryMetrics metrics) {
            return new ExpiredRequestFilter(metrics, Clock.systemUTC());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Endpoint.class)
    @ConditionalOnBean({ ProducerFactory.class, ConsumerFactory.class })
    @ConditionalOnAvailableEndpoint(DeadLettersEndpoint.class)
    static class DeadLettersEndpointConfiguration {

        @Bean
        @ConditionalOnMissingBean
        DeadLettersEndpoint deadLettersEndpoint(KafkaTopics topics, ConsumerFactory<?, ?> consumers,
                ProducerFactory<?, ?> producers, Environment environment) {
            String group = environment.getProperty("spring.kafka.consumer.group-id",
                    environment.getProperty("spring.application.name", "application"));
            return new DeadLettersEndpoint(topics, consumers::getConfigurationProperties,
                    producers::getConfigurationProperties, group);
        }
    }
}
