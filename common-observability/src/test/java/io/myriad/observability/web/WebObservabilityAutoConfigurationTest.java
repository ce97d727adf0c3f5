package io.myriad.observability.web;

import io.lettuce.core.tracing.LettuceObservationContext;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class WebObservabilityAutoConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WebObservabilityAutoConfiguration.class));

    @Test
    void logsEachRequestByDefault() {
        this.runner.run((context) -> assertThat(context).getBean("accessLogFilter", FilterRegistrationBean.class)
                .satisfies((registration) -> assertThat(registration.getFilter()).isInstanceOf(AccessLogFilter.class)));
    }

    @Test
    void logsNoRequestWhenTheAccessLogIsSwitchedOff() {
        this.runner.withPropertyValues("myriad.observability.web.access-log=false")
                .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("accessLogFilter"));
    }

    @Test
    void backsOffToTheServicesOwnAccessLog() {
        this.runner.withUserConfiguration(OwnAccessLog.class).run((context) -> assertThat(context)
                .getBean("accessLogFilter", FilterRegistrationBean.class)
                .isSameAs(context.getBean(OwnAccessLog.class).registration));
    }

    @Test
    void keepsActuatorRequestsOutOfObservationsByDefault() {
        this.runner.run((context) -> {
            ObservationPredicate predicate = context.getBean("actuatorRequestsUnobserved", ObservationPredicate.class);
            assertThat(predicate.test("http.server.requests", request("/actuator/health/readiness"))).isFalse();
            assertThat(predicate.test("http.server.requests", request("/api/v1/queries"))).isTrue();
        });
    }

    @Test
    void keepsDatabaseCommandsOutsideAnyTracedWorkOutOfObservations() {
        this.runner.run((context) -> {
            ObservationPredicate predicate = context.getBean("orphanDatabaseCommandsUnobserved",
                    ObservationPredicate.class);
            LettuceObservationContext healthCheckPing = new LettuceObservationContext("redis");
            LettuceObservationContext pingInARequest = new LettuceObservationContext("redis");
            pingInARequest.setParentObservation(Observation.start("http.server.requests", ObservationRegistry.create()));
            Observation.Context kafkaSendOnItsOwn = new Observation.Context();

            assertThat(predicate.test("redis", healthCheckPing)).isFalse();
            assertThat(predicate.test("redis", pingInARequest)).isTrue();
            assertThat(predicate.test("spring.kafka.template", kafkaSendOnItsOwn)).isTrue();
        });
    }

    @Test
    void observesActuatorRequestsWhenAskedTo() {
        this.runner.withPropertyValues("myriad.observability.web.observe-actuator=true")
                .run((context) -> assertThat(context).doesNotHaveBean(ObservationPredicate.class));
    }

    @Test
    void backsOffOutsideAServletApplication() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(WebObservabilityAutoConfiguration.class))
                .run((context) -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean("accessLogFilter")
                        .doesNotHaveBean(ObservationPredicate.class));
    }

    @Test
    void backsOffWithoutSpringWebsObservationSupport() {
        this.runner.withClassLoader(new FilteredClassLoader(ServerRequestObservationContext.class))
                .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("accessLogFilter"));
    }

    private static ServerRequestObservationContext request(String path) {
        return new ServerRequestObservationContext(new MockHttpServletRequest("GET", path),
                new MockHttpServletResponse());
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnAccessLog {

        final FilterRegistrationBean<AccessLogFilter> registration = new FilterRegistrationBean<>(new AccessLogFilter());

        @Bean
        FilterRegistrationBean<AccessLogFilter> accessLogFilter() {
            return this.registration;
        }
    }
}
