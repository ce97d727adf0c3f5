package io.myriad.observability.web;

import io.myriad.observability.MyriadObservabilityProperties;
import org.apache.catalina.startup.Tomcat;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.SearchStrategy;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The management port (a child context with its own Tomcat, when {@code management.server.port} differs) answers
 * errors as the public port does: problem details from Tomcat and from the error path, and the same body limit.
 * Its beans are looked for in the child only: the public port's own, in the parent, do not stand in for them.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "myriad.observability.web.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MyriadObservabilityProperties.class)
public class ManagementProblemDetailsConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "myriad.observability.web.problem-details", matchIfMissing = true)
    static class ProblemDetails {

        @Bean
        @ConditionalOnMissingBean(name = "errorPathFilter", search = SearchStrategy.CURRENT)
        FilterRegistrationBean<ErrorPathFilter> errorPathFilter(
                @Value(WebObservabilityConfigurations.ERROR_PATH) String errorPath) {
            return WebObservabilityConfigurations.errorPathFilter(errorPath);
        }

        @Bean
        @ConditionalOnMissingBean(name = "emptyErrorBodyFilter", search = SearchStrategy.CURRENT)
        FilterRegistrationBean<EmptyErrorBodyFilter> emptyErrorBodyFilter() {
            return WebObservabilityConfigurations.emptyErrorBodyFilter();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "myriad.observability.web.problem-details", matchIfMissing = true)
    @ConditionalOnClass({ Tomcat.class, ConfigurableTomcatWebServerFactory.class })
    static class TomcatErrorReports {

        @Bean
        @ConditionalOnMissingBean(search = SearchStrategy.CURRENT)
        TomcatProblemErrorReports tomcatProblemErrorReports() {
            return new TomcatProblemErrorReports();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "myriad.observability.web.request-guard", matchIfMissing = true)
    static class RequestGuards {

        @Bean
        @ConditionalOnMissingBean(name = "requestGuard", search = SearchStrategy.CURRENT)
        FilterRegistrationBean<RequestGuard> requestGuard(MyriadObservabilityProperties properties) {
            return WebObservabilityConfigurations.requestGuard(properties);
        }
    }
}
