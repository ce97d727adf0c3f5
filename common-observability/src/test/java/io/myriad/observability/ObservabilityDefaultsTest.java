package io.myriad.observability;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class ObservabilityDefaultsTest {

    private static final String SLO_BUCKETS = "5ms,10ms,25ms,50ms,100ms,250ms,500ms,1s,2500ms,5s,10s";

    @Test
    void pinsEveryFleetDefault() throws Exception {
        // given a service that only names itself and its port
        ConfigurableEnvironment environment = serviceEnvironment(
                Map.of("spring.application.name", "orchestrator", "server.port", "5000"));

        // when the fleet defaults are applied
        new ObservabilityDefaults().postProcessEnvironment(environment, new SpringApplication());

        // then every default resolves to the value the fleet's dashboards, probes and log pipeline expect
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("management.metrics.tags.application", "orchestrator");
        expected.put("management.metrics.tags.env", "local");
        expected.put("management.metrics.tags.instance", InetAddress.getLocalHost().getHostName() + ":5000");
        expected.put("management.metrics.distribution.slo.http.server.requests", SLO_BUCKETS);
        expected.put("management.metrics.distribution.slo.http.client.requests", SLO_BUCKETS);
        expected.put("management.metrics.distribution.slo.spring.kafka.template", SLO_BUCKETS);
        expected.put("management.metrics.distribution.slo.spring.kafka.listener", SLO_BUCKETS);
        expected.put("management.prometheus.metrics.export.properties.io.prometheus.exporter.exemplarsOnAllMetricTypes",
                "false");
        expected.put("management.otlp.metrics.export.enabled", "false");
        expected.put("management.observations.annotations.enabled", "true");
        expected.put("management.observations.enable.spring.security.filterchains", "false");
        expected.put("management.endpoints.web.exposure.include", "health,info,prometheus,deadletters");
        expected.put("management.endpoint.health.probes.enabled", "true");
        expected.put("management.endpoint.health.show-components", "always");
        expected.put("management.endpoint.health.group.liveness.include", "livenessState");
        expected.put("management.endpoint.health.group.readiness.include", "readinessState,kafka,neo4j,redis");
        expected.put("management.endpoint.health.validate-group-membership", "false");
        expected.put("management.tracing.sampling.probability", "1.0");
        expected.put("management.tracing.propagation.produce", "W3C");
        expected.put("management.opentelemetry.tracing.export.max-queue-size", "8192");
        expected.put("management.opentelemetry.tracing.export.schedule-delay", "1s");
        expected.put("spring.kafka.template.observation-enabled", "true");
        expected.put("spring.kafka.listener.observation-enabled", "true");
        expected.put("spring.mvc.problemdetails.enabled", "true");
        expected.put("server.tomcat.max-http-form-post-size", "64KB");
        expected.put("logging.structured.format.console", "ecs");
        expected.put("logging.structured.ecs.service.name", "orchestrator");
        expected.put("logging.structured.ecs.service.environment", "local");
        expected.put("logging.structured.json.rename.traceId", "trace.id");
        expected.put("logging.structured.json.rename.spanId", "span.id");
        assertThat(ObservabilityDefaults.defaults()).as("the defaults this test pins")
                .containsOnlyKeys(expected.keySet());
        expected.forEach((name, value) -> assertThat(environment.getProperty(name)).as(name).isEqualTo(value));
    }

    @Test
    void letsAServicesOwnPropertyWin() {
        // given a service that chose its own sampling, exposure and readiness members
        ConfigurableEnvironment environment = serviceEnvironment(Map.of(
                "management.tracing.sampling.probability", "0.25",
                "management.endpoints.web.exposure.include", "health,prometheus",
                "management.endpoint.health.group.readiness.include", "readinessState,redis"));

        // when the fleet defaults are applied
        new ObservabilityDefaults().postProcessEnvironment(environment, new SpringApplication());

        // then the service's values stand and the defaults fill in only what it left out
        assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("0.25");
        assertThat(environment.getProperty("management.endpoints.web.exposure.include")).isEqualTo("health,prometheus");
        assertThat(environment.getProperty("management.endpoint.health.group.readiness.include"))
                .isEqualTo("readinessState,redis");
        assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
    }

    @Test
    void tagsTheInstanceWithHostNameAndServerPortUnlessOneIsConfigured() throws Exception {
        ConfigurableEnvironment defaulted = serviceEnvironment(Map.of("server.port", "5003"));
        ConfigurableEnvironment configured = serviceEnvironment(
                Map.of("server.port", "5003", "myriad.observability.instance", "input-processor-7f9c"));

        new ObservabilityDefaults().postProcessEnvironment(defaulted, new SpringApplication());
        new ObservabilityDefaults().postProcessEnvironment(configured, new SpringApplication());

        assertThat(defaulted.getProperty("management.metrics.tags.instance"))
                .isEqualTo(InetAddress.getLocalHost().getHostName() + ":5003");
        assertThat(configured.getProperty("management.metrics.tags.instance")).isEqualTo("input-processor-7f9c");
    }

    @Test
    void followsTheEnvironmentAndKafkaSettingsOfTheStarter() {
        // given the starter's own settings
        ConfigurableEnvironment environment = serviceEnvironment(Map.of("myriad.observability.env", "prod",
                "myriad.observability.kafka.observation-enabled", "false"));

        // when the fleet defaults are applied
        new ObservabilityDefaults().postProcessEnvironment(environment, new SpringApplication());

        // then Boot's properties follow them
        assertThat(environment.getProperty("management.metrics.tags.env")).isEqualTo("prod");
        assertThat(environment.getProperty("logging.structured.ecs.service.environment")).isEqualTo("prod");
        assertThat(environment.getProperty("spring.kafka.template.observation-enabled")).isEqualTo("false");
        assertThat(environment.getProperty("spring.kafka.listener.observation-enabled")).isEqualTo("false");
    }

    @Test
    void reachesEveryApplicationThroughSpringFactoriesBeneathItsOwnConfiguration() {
        // when an application that does nothing but depend on the starter starts, with its own configuration file
        // and its own default properties
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Empty.class)
                .web(WebApplicationType.NONE)
                .properties("spring.main.banner-mode=off", "management.tracing.sampling.probability=0.5")
                .run("--spring.config.name=observability-defaults-test")) {
            ConfigurableEnvironment environment = context.getEnvironment();

            // then the fleet defaults fill in what it left out
            assertThat(environment.getProperty("management.endpoint.health.group.readiness.include"))
                    .isEqualTo("readinessState,kafka,neo4j,redis");
            assertThat(environment.getPropertySources().stream().map((source) -> source.getName()).toList())
                    .containsOnlyOnce(ObservabilityDefaults.PROPERTY_SOURCE_NAME);
            // and its file and its default properties win where they say something
            assertThat(environment.getProperty("management.endpoints.web.exposure.include"))
                    .isEqualTo("health,prometheus");
            assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("0.5");
        }
    }

    private static ConfigurableEnvironment serviceEnvironment(Map<String, String> serviceProperties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("service", new LinkedHashMap<>(serviceProperties)));
        return environment;
    }

    @Configuration(proxyBeanMethods = false)
    static class Empty {
    }
}
