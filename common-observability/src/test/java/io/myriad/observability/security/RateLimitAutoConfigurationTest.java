package io.myriad.observability.security;

import io.github.bucket4j.Bucket;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitAutoConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RateLimitAutoConfiguration.class))
            .withUserConfiguration(Registry.class);

    @Test
    void limitsEveryUserRightAfterSpringSecurityWhereBucket4jIsOnTheClasspath() {
        this.runner.run((context) -> {
            assertThat(context).hasSingleBean(UserRateLimiter.class).hasSingleBean(UserRateLimitFilter.class);
            FilterRegistrationBean<?> registration = context.getBean("userRateLimitFilterRegistration",
                    FilterRegistrationBean.class);
            assertThat(registration.getFilter()).isSameAs(context.getBean(UserRateLimitFilter.class));
            assertThat(registration.getOrder()).isEqualTo(-99);
        });
    }

    @Test
    void allowsAPersonsBurstOfFortyAndTwentyASecondByDefault() {
        this.runner.run((context) -> {
            RateLimitProperties properties = context.getBean(RateLimitProperties.class);
            assertThat(properties.enabled()).isTrue();
            assertThat(properties.capacity()).isEqualTo(40);
            assertThat(properties.refillPerSecond()).isEqualTo(20);
            assertThat(properties.maxUsers()).isEqualTo(10_000);
        });
    }

    @Test
    void takesTheServicesSettings() {
        this.runner.withPropertyValues("myriad.security.rate-limit.capacity=3",
                        "myriad.security.rate-limit.refill-per-second=1")
                .run((context) -> {
                    UserRateLimiter limiter = context.getBean(UserRateLimiter.class);
                    assertThat(limiter.tryAcquire("alice")).isZero();
                    assertThat(limiter.tryAcquire("alice")).isZero();
                    assertThat(limiter.tryAcquire("alice")).isZero();
                    assertThat(limiter.tryAcquire("alice")).isEqualTo(1);
                });
    }

    @Test
    void staysOffWhenDisabled() {
        this.runner.withPropertyValues("myriad.security.rate-limit.enabled=false")
                .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(UserRateLimitFilter.class)
                        .doesNotHaveBean("userRateLimitFilterRegistration"));
    }

    @Test
    void backsOffWithoutBucket4j() {
        this.runner.withClassLoader(new FilteredClassLoader(Bucket.class))
                .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(UserRateLimitFilter.class));
    }

    @Test
    void backsOffOutsideAServletApplication() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(RateLimitAutoConfiguration.class))
                .withUserConfiguration(Registry.class)
                .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(UserRateLimitFilter.class));
    }

    @Test
    void backsOffToTheServicesOwnLimiter() {
        this.runner.withUserConfiguration(OwnLimiter.class)
                .run((context) -> assertThat(context.getBean(UserRateLimiter.class)).isSameAs(OwnLimiter.LIMITER));
    }

    @Configuration(proxyBeanMethods = false)
    static class Registry {

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnLimiter {

        static final UserRateLimiter LIMITER = new UserRateLimiter(new RateLimitProperties(true, 1, 1, 1));

        @Bean
        UserRateLimiter ownLimiter() {
            return LIMITER;
        }
    }
}
