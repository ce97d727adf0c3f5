package io.myriad.observability.web;

import io.myriad.observability.MyriadObservabilityProperties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * HTTP serving as an operator wants it observed: one log line per request, inside its trace, and probes and
 * scrapes kept out of traces and request metrics, where they would drown the traffic that matters. And as a client
 * should meet it: every error an RFC 9457 problem, whoever answers it (a service's own advice, Spring MVC, the
 * error path, Tomcat), and bodies too large or of a type no service reads refused before anything reads them. The
 * management port's child context gets the same through {@link ManagementProblemDetailsConfiguration}. Handler
 * methods marked {@link ApiOperation} are counted by outcome ({@link ApiOperationMetrics}).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(ServerRequestObservationContext.class)
@ConditionalOnBooleanProperty(name = "myriad.observability.web.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MyriadObservabilityProperties.class)
@Import({ WebObservabilityConfigurations.AccessLog.class, WebObservabilityConfigurations.ActuatorRequests.class,
        WebObservabilityConfigurations.RequestGuards.class, WebObservabilityConfigurations.ProblemDetails.class,
        WebObservabilityConfigurations.TomcatErrorReports.class, WebObservabilityConfigurations.ApiOperations.class })
public class WebObservabilityAutoConfiguration {
}
