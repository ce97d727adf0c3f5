package io.myriad.observability.metrics;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/** The fleet's meter naming for Prometheus: see {@link PrometheusConventions}. */
@AutoConfiguration
@ConditionalOnClass(MeterRegistry.class)
public class MetricsObservabilityAutoConfiguration {

    @Bean
    PrometheusConventions myriadPrometheusConventions() {
        return new PrometheusConventions();
    }
}
