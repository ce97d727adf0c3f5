package io.myriad.observability.health;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

/**
 * The readiness dependencies as a metric, {@code myriad_dependency_up{dependency}}: an alert can say which of Kafka,
 * Neo4j or Redis a service cannot reach, which a probe failing in Kubernetes does not tell Prometheus.
 */
@AutoConfiguration
@ConditionalOnClass({ HealthContributorRegistry.class, MeterRegistry.class })
public class HealthObservabilityAutoConfiguration {

    @Bean
    ApplicationListener<ApplicationStartedEvent> myriadDependencyHealthMetrics(
            ObjectProvider<HealthContributorRegistry> registry, ObjectProvider<MeterRegistry> meters) {
        DependencyHealthMetrics metrics = new DependencyHealthMetrics(registry::getIfAvailable);
        return event -> meters.ifAvailable(metrics::bindTo);
    }
}
