package io.myriad.observability.health;

import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ClassUtils;

/**
 * The readiness dependencies as a metric, {@code myriad_dependency_up{dependency}}: an alert can say which of Kafka,
 * Neo4j or Redis a service cannot reach, which a probe failing in Kubernetes does not tell Prometheus.
 */
@AutoConfiguration
@ConditionalOnClass({ HealthContributorRegistry.class, MeterRegistry.class })
@ConditionalOnBooleanProperty(name = "myriad.observability.health.enabled", matchIfMissing = true)
public class HealthObservabilityAutoConfiguration {

    // By name: a service has many application listeners, and none of them but one of this name replaces this one.
    @Bean
    @ConditionalOnMissingBean(name = "myriadDependencyHealthMetrics")
    ApplicationListener<ApplicationStartedEvent> myriadDependencyHealthMetrics(
            ObjectProvider<HealthContributorRegistry> registry, ObjectProvider<MeterRegistry> meters,
            ApplicationContext context) {
        // Redis and Neo4j contribute reactive indicators where Reactor is present (Lettuce brings it).
        Function<String, HealthContributor> reactive = ClassUtils.isPresent("reactor.core.publisher.Mono", null)
                ? ReactiveContributors.lookup(context) : name -> null;
        DependencyHealthMetrics metrics = new DependencyHealthMetrics(name -> {
            HealthContributorRegistry blocking = registry.getIfAvailable();
            HealthContributor contributor = (blocking != null) ? blocking.getContributor(name) : null;
            return (contributor != null) ? contributor : reactive.apply(name);
        });
        return event -> meters.ifAvailable(metrics::bindTo);
    }

    /** Only loaded where Reactor is on the class path. */
    static final class ReactiveContributors {

        private ReactiveContributors() {
        }

        static Function<String, HealthContributor> lookup(ApplicationContext context) {
            ObjectProvider<ReactiveHealthContributorRegistry> registry = context
                    .getBeanProvider(ReactiveHealthContributorRegistry.class);
            return name -> {
                ReactiveHealthContributorRegistry reactive = registry.getIfAvailable();
                ReactiveHealthContributor contributor = (reactive != null) ? reactive.getContributor(name) : null;
                return (contributor != null) ? contributor.asHealthContributor() : null;
            };
        }
    }
}
