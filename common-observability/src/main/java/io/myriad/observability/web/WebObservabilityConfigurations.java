package io.myriad.observability.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.observation.ObservationPredicate;
import io.myriad.observability.MyriadObservabilityProperties;
import jakarta.servlet.DispatcherType;
import org.apache.catalina.startup.Tomcat;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

final class WebObservabilityConfigurations {

    /** Inside Boot's observation filter and the access log, so a refused request is timed and logged too. */
    static final int GUARD_ORDER = Ordered.HIGHEST_PRECEDENCE + 3;

    static final String ERROR_PATH = "${server.error.path:${error.path:/error}}";

    private WebObservabilityConfigurations() {
    }

    static FilterRegistrationBean<RequestGuard> requestGuard(MyriadObservabilityProperties properties) {
        FilterRegistrationBean<RequestGuard> registration = new FilterRegistrationBean<>(
                new RequestGuard(properties.web().maxBodySize()));
        registration.setOrder(GUARD_ORDER);
        return registration;
    }

    static FilterRegistrationBean<ErrorPathFilter> errorPathFilter(String errorPath) {
        FilterRegistrationBean<ErrorPathFilter> registration = new FilterRegistrationBean<>(new ErrorPathFilter());
        registration.addUrlPatterns(errorPath);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        registration.setOrder(GUARD_ORDER);
        return registration;
    }

    static FilterRegistrationBean<EmptyErrorBodyFilter> emptyErrorBodyFilter() {
        FilterRegistrationBean<EmptyErrorBodyFilter> registration = new FilterRegistrationBean<>(
                new EmptyErrorBodyFilter());
        // Outside the security filters, whose entry points answer 401 and 403 without a body.
        registration.setOrder(GUARD_ORDER);
        return registration;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "myriad.observability.web.request-guard", matchIfMissing = true)
    static class RequestGuards {

        @Bean
        @ConditionalOnMissingBean(name = "requestGuard")
        FilterRegistrationBean<RequestGuard> requestGuard(MyriadObservabilityProperties properties) {
            return WebObservabilityConfigurations.requestGuard(properties);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "myriad.observability.web.problem-details", matchIfMissing = true)
    static class ProblemDetails {

        @Bean
        @ConditionalOnMissingBean(name = "errorPathFilter")
        FilterRegistrationBean<ErrorPathFilter> errorPathFilter(@Value(ERROR_PATH) String errorPath) {
            return WebObservabilityConfigurations.errorPathFilter(errorPath);
        }

        @Bean
        @ConditionalOnMissingBean(name = "emptyErrorBodyFilter")
        FilterRegistrationBean<EmptyErrorBodyFilter> emptyErrorBodyFilter() {
            return WebObservabilityConfigurations.emptyErrorBodyFilter();
        }

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnClass(ResponseBodyAdvice.class)
        ProblemTypeAdvice problemTypeAdvice() {
            return new ProblemTypeAdvice();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "myriad.observability.web.problem-details", matchIfMissing = true)
    @ConditionalOnClass({ Tomcat.class, ConfigurableTomcatWebServerFactory.class })
    static class TomcatErrorReports {

        @Bean
        @ConditionalOnMissingBean
        TomcatProblemErrorReports tomcatProblemErrorReports() {
            return new TomcatProblemErrorReports();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "myriad.observability.web.access-log", matchIfMissing = true)
    static class AccessLog {

        @Bean
        @ConditionalOnMissingBean(name = "accessLogFilter")
        FilterRegistrationBean<AccessLogFilter> accessLogFilter() {
            FilterRegistrationBean<AccessLogFilter> registration = new FilterRegistrationBean<>(new AccessLogFilter());
            // Boot's ServerHttpObservationFilter runs at HIGHEST_PRECEDENCE + 1; inside it the trace is current.
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
            return registration;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "myriad.observability.web.observe-actuator", havingValue = false,
            matchIfMissing = true)
    static class ActuatorRequests {

        // By name, as every ObservationPredicate is applied: one a service adds for its own purpose must not
        // replace this one.
        @Bean
        @ConditionalOnMissingBean(name = "actuatorRequestsUnobserved")
        ObservationPredicate actuatorRequestsUnobserved() {
            return (name, context) -> !(context instanceof ServerRequestObservationContext request
                    && request.getCarrier() != null
                    && request.getCarrier().getRequestURI().startsWith("/actuator"));
        }

        // With probes unobserved, the Redis PING or Neo4j query a health check sends has no parent and would
        // start a one-span trace every few seconds. A database command outside any traced work is housekeeping;
        // the client's own meters still count it.
        @Bean
        @ConditionalOnMissingBean(name = "orphanDatabaseCommandsUnobserved")
        ObservationPredicate orphanDatabaseCommandsUnobserved() {
            return (name, context) -> context.getParentObservation() != null
                    || !isDatabaseClient(context.getClass().getName());
        }

        private static boolean isDatabaseClient(String contextClass) {
            return contextClass.startsWith("io.lettuce.") || contextClass.startsWith("org.neo4j.driver.");
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ MeterRegistry.class, HandlerMapping.class })
    @ConditionalOnBooleanProperty(name = "myriad.observability.web.operations.enabled", matchIfMissing = true)
    static class ApiOperations {

        // The service's registry; the global one only where a service runs without Boot's metrics (some tests).
        @Bean
        @ConditionalOnMissingBean
        ApiOperationMetrics apiOperationMetrics(ObjectProvider<MeterRegistry> registry,
                MyriadObservabilityProperties properties) {
            MyriadObservabilityProperties.Operations operations = properties.web().operations();
            return new ApiOperationMetrics(registry.getIfAvailable(() -> Metrics.globalRegistry), operations.name(),
                    operations.description());
        }
    }
}
