package io.myriad.observability.security;

import io.github.bucket4j.Bucket;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.servlet.filter.OrderedFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Requests per second per user ({@link RateLimitProperties}), for a service that puts Bucket4j on its classpath: a
 * servlet filter right after Spring Security's, keyed by the authenticated token's subject. Buckets live in each
 * instance's memory, so the limit is per instance.
 */
@AutoConfiguration(after = JwtSecurityAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ Bucket.class, MeterRegistry.class })
@ConditionalOnProperty(prefix = "myriad.security.rate-limit", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(RateLimitProperties.class)
@Import(RateLimitAutoConfiguration.Filter.class)
public class RateLimitAutoConfiguration {

    /**
     * Spring Security's filter chain's default order ({@code spring.security.filter.order}), written out because the
     * starter does not depend on Boot's security module.
     */
    static final int SECURITY_FILTER_ORDER = OrderedFilter.REQUEST_WRAPPER_FILTER_MAX_ORDER - 100;

    @Configuration(proxyBeanMethods = false)
    static class Filter {

        @Bean
        @ConditionalOnMissingBean
        UserRateLimiter userRateLimiter(RateLimitProperties properties) {
            return new UserRateLimiter(properties);
        }

        @Bean
        @ConditionalOnMissingBean
        UserRateLimitFilter userRateLimitFilter(UserRateLimiter limiter, MeterRegistry registry) {
            return new UserRateLimitFilter(limiter, registry);
        }

        @Bean
        @ConditionalOnMissingBean(name = "userRateLimitFilterRegistration")
        FilterRegistrationBean<UserRateLimitFilter> userRateLimitFilterRegistration(UserRateLimitFilter filter) {
            FilterRegistrationBean<UserRateLimitFilter> registration = new FilterRegistrationBean<>(filter);
            registration.setOrder(SECURITY_FILTER_ORDER + 1);
            return registration;
        }
    }
}
