package io.myriad.observability.web;

import io.micrometer.observation.ObservationPredicate;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.observation.ServerRequestObservationContext;

final class WebObservabilityConfigurations {

    private WebObservabilityConfigurations() {
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

        @Bean
        ObservationPredicate actuatorRequestsUnobserved() {
            return (name, context) -> !(context instanceof ServerRequestObservationContext request
                    && request.getCarrier() != null
                    && request.getCarrier().getRequestURI().startsWith("/actuator"));
        }

        // With probes unobserved, the Redis PING or Neo4j query a health check sends has no parent and would
        // start a one-span trace every few seconds. A database command outside any traced work is housekeeping;
        // the client's own meters still count it.
        @Bean
        ObservationPredicate orphanDatabaseCommandsUnobserved() {
            return (name, context) -> context.getParentObservation() != null
                    || !isDatabaseClient(context.getClass().getName());
        }

        private static boolean isDatabaseClient(String contextClass) {
            return contextClass.startsWith("io.lettuce.") || contextClass.startsWith("org.neo4j.driver.");
        }
    }
}
