package io.myriad.contracts;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * How every service writes and reads the contract records on Kafka, as defaults for Boot's own properties: JSON
 * values with a type header, read back only into this package's records, and a poison message handed to the
 * error handler instead of failing the consumer for ever. Added last, so a service's own configuration wins.
 */
public class KafkaContractDefaults implements EnvironmentPostProcessor, Ordered {

    public static final String PROPERTY_SOURCE_NAME = "myriadKafkaContractDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
            environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults()));
        }
    }

    static Map<String, Object> defaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("spring.kafka.producer.value-serializer",
                "org.springframework.kafka.support.serializer.JacksonJsonSerializer");
        // Request/reply: Kafka 4 waits 5 ms before every send by default (KIP-1030), which a query pays at each hop.
        defaults.put("spring.kafka.producer.properties.linger.ms", "0");
        defaults.put("spring.kafka.consumer.group-id", "${spring.application.name}");
        defaults.put("spring.kafka.consumer.auto-offset-reset", "earliest");
        defaults.put("spring.kafka.consumer.value-deserializer",
                "org.springframework.kafka.support.serializer.ErrorHandlingDeserializer");
        defaults.put("spring.kafka.consumer.properties.spring.deserializer.value.delegate.class",
                "org.springframework.kafka.support.serializer.JacksonJsonDeserializer");
        defaults.put("spring.kafka.consumer.properties.spring.json.trusted.packages", "io.myriad.contracts.*");
        return defaults;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
