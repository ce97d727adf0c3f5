package io.myriad.observability.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsObservabilityAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MetricsObservabilityAutoConfiguration.class));

    @Test
    void capsTagValuesAtAHundredByDefault() {
        this.runner.run((context) -> {
            assertThat(context).hasSingleBean(TagCardinalityGuard.class).hasSingleBean(PrometheusConventions.class);
            assertThat(context.getBean(TagCardinalityGuard.class)).extracting("maxValues").isEqualTo(100);
        });
    }

    @Test
    void takesTheCapFromItsProperty() {
        this.runner.withPropertyValues("myriad.observability.metrics.tag-guard.max-values=20")
                .run((context) -> assertThat(context.getBean(TagCardinalityGuard.class)).extracting("maxValues")
                        .isEqualTo(20));
    }

    @Test
    void capsNothingWhenTheGuardIsSwitchedOff() {
        this.runner.withPropertyValues("myriad.observability.metrics.tag-guard.enabled=false")
                .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TagCardinalityGuard.class));
    }

    @Test
    void backsOffToTheServicesOwnGuard() {
        this.runner.withUserConfiguration(OwnGuard.class).run((context) -> assertThat(context)
                .getBean(TagCardinalityGuard.class).isSameAs(context.getBean(OwnGuard.class).guard));
    }

    @Test
    void backsOffWithoutMicrometer() {
        this.runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TagCardinalityGuard.class));
    }

    @Test
    void filtersNoMeterWhenSwitchedOff() {
        this.runner.withPropertyValues("myriad.observability.metrics.enabled=false")
                .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(PrometheusConventions.class)
                        .doesNotHaveBean(TagCardinalityGuard.class));
    }

    @Test
    void backsOffToTheServicesOwnConventionsByName() {
        this.runner.withUserConfiguration(OwnConventions.class).run((context) -> assertThat(context)
                .getBean("myriadPrometheusConventions").isSameAs(context.getBean(OwnConventions.class).conventions));
    }

    @Test
    void keepsTheFleetsNamingBesideAMeterFilterTheServiceAddsForItsOwnPurpose() {
        // given a service with a filter of its own, under another name
        this.runner.withBean("ignoreHealthChecks", MeterFilter.class, () -> MeterFilter.denyNameStartsWith("health"))
                // then the fleet's naming still applies
                .run((context) -> assertThat(context).hasSingleBean(PrometheusConventions.class)
                        .hasBean("ignoreHealthChecks"));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnConventions {

        final PrometheusConventions conventions = new PrometheusConventions();

        @Bean
        PrometheusConventions myriadPrometheusConventions() {
            return this.conventions;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnGuard {

        final TagCardinalityGuard guard = new TagCardinalityGuard(5);

        @Bean
        TagCardinalityGuard ownGuard() {
            return this.guard;
        }
    }
}
