package io.myriad.observability.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.myriad.observability.MyriadObservabilityProperties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The fleet's meter naming for Prometheus (see {@link PrometheusConventions}), and a cap on the values one tag
 * may take (see {@link TagCardinalityGuard}).
 */
@AutoConfiguration
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "myriad.observability.metrics.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MyriadObservabilityProperties.class)
@Import(MetricsObservabilityAutoConfiguration.TagGuard.class)
public class MetricsObservabilityAutoConfiguration {

    // By name, not by type: a MeterFilter is one of many (Boot adds its own, a service may add more), and backing off
    // to any of them would silently bring back the names and meters promtool flags.
    @Bean
    @ConditionalOnMissingBean(name = "myriadPrometheusConventions")
    PrometheusConventions myriadPrometheusConventions() {
        return new PrometheusConventions();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "myriad.observability.metrics.tag-guard.enabled", matchIfMissing = true)
    static class TagGuard {

        @Bean
        @ConditionalOnMissingBean
        TagCardinalityGuard tagCardinalityGuard(MyriadObservabilityProperties properties) {
            return new TagCardinalityGuard(properties.metrics().tagGuard().maxValues());
        }
    }
}
