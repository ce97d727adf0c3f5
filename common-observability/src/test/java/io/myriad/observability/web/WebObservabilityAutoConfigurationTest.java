package io.myriad.observability.web;

import io.lettuce.core.tracing.LettuceObservationContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import io.micrometer.observation.ObservationRegistry;
import io.myriad.observability.MyriadObservabilityProperties;
import org.apache.catalina.startup.Tomcat;
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
import org.springframework.util.unit.DataSize;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

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
                        .doesNotHaveBean(ObservationPredicate.class)
                        .doesNotHaveBean("requestGuard")
                        .doesNotHaveBean("errorPathFilter")
                        .doesNotHaveBean(TomcatProblemErrorReports.class));
    }

    @Test
    void backsOffWithoutSpringWebsObservationSupport() {
        this.runner.withClassLoader(new FilteredClassLoader(ServerRequestObservationContext.class))
                .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("accessLogFilter"));
    }

    @Test
    void answersEveryErrorAsAProblemByDefault() {
        this.runner.run((context) -> {
            assertThat(context).hasSingleBean(TomcatProblemErrorReports.class).hasSingleBean(ProblemTypeAdvice.class);
            assertThat(context).getBean("errorPathFilter", FilterRegistrationBean.class).satisfies((registration) -> {
                assertThat(registration.getFilter()).isInstanceOf(ErrorPathFilter.class);
                assertThat(registration.getUrlPatterns()).containsExactly("/error");
            });
            assertThat(context).getBean("emptyErrorBodyFilter", FilterRegistrationBean.class).satisfies(
                    (registration) -> assertThat(registration.getFilter()).isInstanceOf(EmptyErrorBodyFilter.class));
        });
    }

    @Test
    void answersTheErrorPathTheServiceConfigured() {
        this.runner.withPropertyValues("server.error.path=/oops").run((context) -> assertThat(context)
                .getBean("errorPathFilter", FilterRegistrationBean.class)
                .satisfies((registration) -> assertThat(registration.getUrlPatterns()).containsExactly("/oops")));
    }

    @Test
    void leavesErrorsAloneWhenProblemDetailsAreSwitchedOff() {
        this.runner.withPropertyValues("myriad.observability.web.problem-details=false")
                .run((context) -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(TomcatProblemErrorReports.class)
                        .doesNotHaveBean(ProblemTypeAdvice.class)
                        .doesNotHaveBean("errorPathFilter")
                        .doesNotHaveBean("emptyErrorBodyFilter"));
    }

    @Test
    void backsOffToTheServicesOwnErrorBeans() {
        this.runner.withUserConfiguration(OwnErrorBeans.class).run((context) -> {
            OwnErrorBeans own = context.getBean(OwnErrorBeans.class);
            assertThat(context).getBean(TomcatProblemErrorReports.class).isSameAs(own.reports);
            assertThat(context).getBean(ProblemTypeAdvice.class).isSameAs(own.advice);
            assertThat(context).getBean("errorPathFilter").isSameAs(own.errorPath);
            assertThat(context).getBean("requestGuard").isSameAs(own.guard);
        });
    }

    @Test
    void leavesTheValveOutWithoutTomcat() {
        this.runner.withClassLoader(new FilteredClassLoader(Tomcat.class))
                .run((context) -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(TomcatProblemErrorReports.class)
                        .hasBean("errorPathFilter"));
    }

    @Test
    void leavesTheProblemTypesOutWithoutSpringMvc() {
        this.runner.withClassLoader(new FilteredClassLoader(ResponseBodyAdvice.class))
                .run((context) -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(ProblemTypeAdvice.class)
                        .hasBean("requestGuard"));
    }

    @Test
    void guardsRequestBodiesAt64KibByDefault() {
        this.runner.run((context) -> {
            assertThat(context).getBean("requestGuard", FilterRegistrationBean.class)
                    .satisfies((registration) -> assertThat(registration.getFilter()).isInstanceOf(RequestGuard.class));
            assertThat(context.getBean(MyriadObservabilityProperties.class).web().maxBodySize().toBytes())
                    .isEqualTo(65_536);
        });
    }

    @Test
    void takesTheBodyLimitFromItsProperty() {
        this.runner.withPropertyValues("myriad.observability.web.max-body-size=16KB").run((context) -> assertThat(
                context.getBean(MyriadObservabilityProperties.class).web().maxBodySize().toBytes()).isEqualTo(16_384));
    }

    @Test
    void guardsNoRequestWhenTheGuardIsSwitchedOff() {
        this.runner.withPropertyValues("myriad.observability.web.request-guard=false")
                .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("requestGuard"));
    }

    @Test
    void leavesHttpServingAloneWhenSwitchedOff() {
        this.runner.withPropertyValues("myriad.observability.web.enabled=false").run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean("accessLogFilter").doesNotHaveBean("requestGuard")
                    .doesNotHaveBean("errorPathFilter").doesNotHaveBean("emptyErrorBodyFilter")
                    .doesNotHaveBean(ObservationPredicate.class).doesNotHaveBean(TomcatProblemErrorReports.class)
                    .doesNotHaveBean(ApiOperationMetrics.class);
        });
    }

    @Test
    void backsOffToTheServicesOwnObservationPredicatesByName() {
        ObservationPredicate observeAll = (name, context) -> true;
        this.runner.withBean("actuatorRequestsUnobserved", ObservationPredicate.class, () -> observeAll)
                .withBean("sampleBatchJobs", ObservationPredicate.class, () -> (name, context) -> true)
                .run((context) -> {
                    assertThat(context.getBean("actuatorRequestsUnobserved")).isSameAs(observeAll);
                    assertThat(context).as("the starter's other predicate, beside the service's unrelated one")
                            .hasBean("orphanDatabaseCommandsUnobserved").hasBean("sampleBatchJobs");
                });
    }

    @Test
    void countsApiOperationsInApiOperationsByDefault() {
        this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
            assertThat(context).hasSingleBean(ApiOperationMetrics.class);
            MeterRegistry meters = context.getBean(MeterRegistry.class);

            stop(context.getBean(ApiOperationMetrics.class), "create", 201);

            assertThat(meters.get("api.operations").tags("entity", "widget", "operation", "create", "status", "success")
                    .counter().count()).isEqualTo(1);
            assertThat(meters.get("api.operations").counter().getId().getDescription())
                    .isEqualTo("API calls by entity, operation and outcome");
        });
    }

    @Test
    void pinsTheApiOperationDefaults() {
        this.runner.run((context) -> {
            MyriadObservabilityProperties.Operations operations = context.getBean(MyriadObservabilityProperties.class)
                    .web().operations();
            assertThat(operations.enabled()).isTrue();
            assertThat(operations.name()).isEqualTo("api.operations");
            assertThat(operations.description()).isEqualTo("API calls by entity, operation and outcome");
        });
    }

    @Test
    void countsApiOperationsUnderTheNameAndHelpTheServiceGave() {
        this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("myriad.observability.web.operations.name=task.operations",
                        "myriad.observability.web.operations.description=Task API calls by outcome")
                .run((context) -> {
                    MeterRegistry meters = context.getBean(MeterRegistry.class);

                    stop(context.getBean(ApiOperationMetrics.class), "create", 404);

                    assertThat(meters.get("task.operations").tag("status", "not_found").counter().count()).isEqualTo(1);
                    assertThat(meters.get("task.operations").counter().getId().getDescription())
                            .isEqualTo("Task API calls by outcome");
                    assertThat(meters.find("api.operations").meters()).isEmpty();
                });
    }

    @Test
    void countsNoApiOperationWhenSwitchedOff() {
        this.runner.withPropertyValues("myriad.observability.web.operations.enabled=false")
                .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ApiOperationMetrics.class)
                        .hasBean("accessLogFilter"));
    }

    @Test
    void countsNoApiOperationWithoutMicrometerOrSpringMvc() {
        this.runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ApiOperationMetrics.class)
                        .hasBean("accessLogFilter"));
        this.runner.withClassLoader(new FilteredClassLoader(HandlerMapping.class))
                .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ApiOperationMetrics.class)
                        .hasBean("accessLogFilter"));
    }

    @Test
    void backsOffToTheServicesOwnApiOperationMetrics() {
        ApiOperationMetrics own = new ApiOperationMetrics(new SimpleMeterRegistry(), "own.operations", "Own");
        this.runner.withBean(ApiOperationMetrics.class, () -> own).run((context) -> assertThat(context)
                .getBean(ApiOperationMetrics.class).isSameAs(own));
    }

    /** A request to a handler marked {@code @ApiOperation(entity = "widget", operation = ...)} ends with status. */
    private static void stop(ApiOperationMetrics metrics, String operation, int status) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/widgets");
        request.setAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE, new HandlerMethod(new Widgets(),
                Widgets.class.getDeclaredMethod(operation)));
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.setStatus(status);
        metrics.onStop(new ServerRequestObservationContext(request, response));
    }

    static class Widgets {

        @ApiOperation(entity = "widget", operation = "create")
        void create() {
        }
    }

    private static ServerRequestObservationContext request(String path) {
        return new ServerRequestObservationContext(new MockHttpServletRequest("GET", path),
                new MockHttpServletResponse());
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnErrorBeans {

        final TomcatProblemErrorReports reports = new TomcatProblemErrorReports();

        final ProblemTypeAdvice advice = new ProblemTypeAdvice();

        final FilterRegistrationBean<ErrorPathFilter> errorPath = new FilterRegistrationBean<>(new ErrorPathFilter());

        final FilterRegistrationBean<RequestGuard> guard = new FilterRegistrationBean<>(
                new RequestGuard(DataSize.ofKilobytes(1)));

        @Bean
        TomcatProblemErrorReports ownReports() {
            return this.reports;
        }

        @Bean
        ProblemTypeAdvice ownAdvice() {
            return this.advice;
        }

        @Bean
        FilterRegistrationBean<ErrorPathFilter> errorPathFilter() {
            return this.errorPath;
        }

        @Bean
        FilterRegistrationBean<RequestGuard> requestGuard() {
            return this.guard;
        }
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
