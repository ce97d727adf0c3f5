package io.myriad.observability.health;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.registry.DefaultHealthContributorRegistry;
import org.springframework.boot.health.registry.DefaultReactiveHealthContributorRegistry;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;

import static org.assertj.core.api.Assertions.assertThat;

class HealthObservabilityAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HealthObservabilityAutoConfiguration.class));

    @Test
    void reportsEachDependencyTheServiceHasAsUpOrDown() {
        AtomicReference<Health> redis = new AtomicReference<>(Health.up().build());
        HealthContributorRegistry registry = new DefaultHealthContributorRegistry();
        registry.registerContributor("redis", (HealthIndicator) redis::get);
        registry.registerContributor("kafka", (HealthIndicator) () -> Health.down().build());

        MeterRegistry meters = new SimpleMeterRegistry();
        this.runner.withBean(HealthContributorRegistry.class, () -> registry)
                .withBean(MeterRegistry.class, () -> meters)
                .run(context -> {
                    context.publishEvent(new ApplicationStartedEvent(new SpringApplication(), new String[0],
                            context, Duration.ZERO));

                    assertThat(meters.get("myriad.dependency.up").tag("dependency", "redis").gauge().value())
                            .isEqualTo(1);
                    assertThat(meters.get("myriad.dependency.up").tag("dependency", "kafka").gauge().value())
                            .isEqualTo(0);
                    assertThat(meters.find("myriad.dependency.up").tag("dependency", "neo4j").gauge())
                            .as("no series for a dependency the service does not have").isNull();
                });
    }

    /** The alerts and the infrastructure dashboard query {@code myriad_dependency_up}, in either scrape format. */
    @Test
    void exposesTheGaugeToPrometheusAsMyriadDependencyUp() {
        HealthContributorRegistry registry = new DefaultHealthContributorRegistry();
        registry.registerContributor("kafka", (HealthIndicator) () -> Health.up().build());
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.runner.withBean(HealthContributorRegistry.class, () -> registry)
                .withBean(MeterRegistry.class, () -> prometheus)
                .run(context -> {
                    context.publishEvent(new ApplicationStartedEvent(new SpringApplication(), new String[0],
                            context, Duration.ZERO));

                    for (String format : new String[] {"text/plain;version=0.0.4",
                            "application/openmetrics-text;version=1.0.0"}) {
                        assertThat(prometheus.scrape(format).lines()).as(format)
                                .contains("# TYPE myriad_dependency_up gauge",
                                        "myriad_dependency_up{dependency=\"kafka\"} 1.0")
                                .noneMatch((line) -> line.startsWith("# UNIT"));
                    }
                });
    }

    @Test
    void readsReactiveIndicatorsAsRedisAndNeo4jContributeThem() {
        ReactiveHealthContributorRegistry reactive = new DefaultReactiveHealthContributorRegistry();
        reactive.registerContributor("redis", (ReactiveHealthIndicator) () -> Mono.just(Health.up().build()));
        MeterRegistry meters = new SimpleMeterRegistry();
        this.runner.withBean(ReactiveHealthContributorRegistry.class, () -> reactive)
                .withBean(MeterRegistry.class, () -> meters)
                .run(context -> {
                    context.publishEvent(new ApplicationStartedEvent(new SpringApplication(), new String[0],
                            context, Duration.ZERO));

                    assertThat(meters.get("myriad.dependency.up").tag("dependency", "redis").gauge().value())
                            .isEqualTo(1);
                });
    }

    @Test
    void checksAtMostOnceInTenSeconds() {
        int[] checks = {0};
        HealthContributorRegistry registry = new DefaultHealthContributorRegistry();
        registry.registerContributor("neo4j", (HealthIndicator) () -> {
            checks[0]++;
            return Health.up().build();
        });
        DependencyHealthMetrics metrics = new DependencyHealthMetrics(registry::getContributor);

        metrics.up("neo4j");
        metrics.up("neo4j");
        metrics.up("neo4j");

        assertThat(checks[0]).isEqualTo(1);
    }

    @Test
    void reportsNoDependencyWhenSwitchedOff() {
        this.runner.withPropertyValues("myriad.observability.health.enabled=false")
                .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("myriadDependencyHealthMetrics"));
    }

    @Test
    void backsOffWithoutMicrometer() {
        this.runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("myriadDependencyHealthMetrics"));
    }

    @Test
    void backsOffWithoutSpringBootsHealthSupport() {
        this.runner.withClassLoader(new FilteredClassLoader(HealthContributorRegistry.class))
                .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("myriadDependencyHealthMetrics"));
    }

    @Test
    void backsOffToTheServicesOwnDependencyMetrics() {
        // given a service that reports its dependencies its own way, under the starter's bean name
        MeterRegistry meters = new SimpleMeterRegistry();
        HealthContributorRegistry registry = new DefaultHealthContributorRegistry();
        registry.registerContributor("redis", (HealthIndicator) () -> Health.up().build());
        ApplicationListener<ApplicationEvent> own = (event) -> meters.gauge("own.dependency.up", 1);
        this.runner.withBean(HealthContributorRegistry.class, () -> registry)
                .withBean(MeterRegistry.class, () -> meters)
                .withBean("myriadDependencyHealthMetrics", ApplicationListener.class, () -> own)
                .run((context) -> {
                    // when the application has started
                    context.publishEvent(new ApplicationStartedEvent(new SpringApplication(), new String[0],
                            context, Duration.ZERO));

                    // then only the service's own gauge exists
                    assertThat(context.getBean("myriadDependencyHealthMetrics")).isSameAs(own);
                    assertThat(meters.find("own.dependency.up").gauge()).isNotNull();
                    assertThat(meters.find("myriad.dependency.up").gauge()).isNull();
                });
    }
}
