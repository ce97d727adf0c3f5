package io.myriad.observability;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.env.DefaultPropertiesPropertySource;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

/**
 * The fleet's defaults for Spring Boot's own observability properties. Added as the last property source, so
 * a service's {@code application.yml}, its environment variables, its command line and its programmatic default
 * properties all still win.
 */
public class ObservabilityDefaults implements EnvironmentPostProcessor, Ordered {

    public static final String PROPERTY_SOURCE_NAME = "myriadObservabilityDefaults";

    /** Service-level buckets for HTTP and Kafka latency histograms: the fleet's, the same as a service's own timers'. */
    static final String LATENCY_BUCKETS = LatencyBuckets.asProperty();

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        MutablePropertySources sources = environment.getPropertySources();
        if (sources.contains(PROPERTY_SOURCE_NAME)) {
            return;
        }
        Map<String, Object> defaults = defaults();
        // Boot moves the application's own default properties (SpringApplication#setDefaultProperties,
        // SpringApplicationBuilder#properties) beneath every other source once this has run; what they set is left
        // out here so that they still win.
        PropertySource<?> applicationDefaults = sources.get(DefaultPropertiesPropertySource.NAME);
        ConfigurationPropertySource applicationOwn = (applicationDefaults != null)
                ? ConfigurationPropertySource.from(applicationDefaults) : null;
        if (applicationOwn != null) {
            defaults.keySet().removeIf((name) -> applicationOwn
                    .getConfigurationProperty(ConfigurationPropertyName.adapt(name, '.')) != null);
        }
        sources.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
    }

    static Map<String, Object> defaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();

        // Metrics: the same three tags everywhere, so one dashboard query fits every service.
        defaults.put("management.metrics.tags.application", "${spring.application.name:unknown}");
        defaults.put("management.metrics.tags.env", "${myriad.observability.env:local}");
        defaults.put("management.metrics.tags.instance",
                "${myriad.observability.instance:" + hostName() + ":${server.port:8080}}");
        defaults.put("management.metrics.distribution.slo.http.server.requests", LATENCY_BUCKETS);
        defaults.put("management.metrics.distribution.slo.http.client.requests", LATENCY_BUCKETS);
        defaults.put("management.metrics.distribution.slo.spring.kafka.template", LATENCY_BUCKETS);
        defaults.put("management.metrics.distribution.slo.spring.kafka.listener", LATENCY_BUCKETS);
        // Exemplars (trace ids) on histogram buckets and counters only, as OpenMetrics 1.0 allows: Prometheus 2.x
        // (Debian's 2.42 among them) rejects the whole scrape when a _count or a summary carries one.
        defaults.put("management.prometheus.metrics.export.properties.io.prometheus.exporter.exemplarsOnAllMetricTypes",
                "false");
        // Prometheus scrapes; Boot would otherwise push OTLP metrics when the OTLP registry is present.
        defaults.put("management.otlp.metrics.export.enabled", "false");
        defaults.put("management.observations.annotations.enabled", "true");
        // Spring Security's per-filter observations: two counters per filter, named after the filter classes (camel
        // case, which promtool flags); the request's own timer and trace say what an operator needs.
        defaults.put("management.observations.enable.spring.security.filterchains", "false");

        // Exposure: what probes and Prometheus need, and the dead-letter replay the runbooks use; nothing that leaks
        // configuration.
        defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus,deadletters");
        defaults.put("management.endpoint.health.probes.enabled", "true");
        defaults.put("management.endpoint.health.show-components", "always");
        defaults.put("management.endpoint.health.group.liveness.include", "livenessState");
        // Readiness names every dependency a service may have; the ones a service lacks are absent, not DOWN.
        defaults.put("management.endpoint.health.group.readiness.include", "readinessState,kafka,neo4j,redis");
        defaults.put("management.endpoint.health.validate-group-membership", "false");

        // Traces: every request traced unless an operator lowers it; W3C on the wire.
        defaults.put("management.tracing.sampling.probability", "1.0");
        defaults.put("management.tracing.propagation.produce", "W3C");
        // Every query is traced through five services: at a hundred queries a second the agents alone make ~600
        // spans/s, and with Boot's queue of 2048 spans flushed every 5 s they were dropped ("queue is full"). A
        // larger queue drained every second keeps them, at a few MB of heap at most.
        defaults.put("management.opentelemetry.tracing.export.max-queue-size", "8192");
        defaults.put("management.opentelemetry.tracing.export.schedule-delay", "1s");
        defaults.put("spring.kafka.template.observation-enabled", "${myriad.observability.kafka.observation-enabled:true}");
        defaults.put("spring.kafka.listener.observation-enabled", "${myriad.observability.kafka.observation-enabled:true}");

        // Errors: Spring MVC's own (404, 405, 406, 415, malformed JSON) as problem details in a service that has no
        // ResponseEntityExceptionHandler of its own; the starter's filters and valve cover what MVC never sees.
        defaults.put("spring.mvc.problemdetails.enabled", "true");
        // Form posts are parsed by Tomcat, not read through the body guard: the same limit.
        defaults.put("server.tomcat.max-http-form-post-size", "${myriad.observability.web.max-body-size:64KB}");

        // Logs: one ECS JSON object per line on stdout, trace and span ids under ECS names.
        defaults.put("logging.structured.format.console", "ecs");
        defaults.put("logging.structured.ecs.service.name", "${spring.application.name:unknown}");
        defaults.put("logging.structured.ecs.service.environment", "${myriad.observability.env:local}");
        defaults.put("logging.structured.json.rename.traceId", "trace.id");
        defaults.put("logging.structured.json.rename.spanId", "span.id");
        return defaults;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        }
        catch (UnknownHostException ex) {
            return "localhost";
        }
    }

    @Override
    public int getOrder() {
        // After the config data processor, so a service's own files are already in place beneath which we add.
        return Ordered.LOWEST_PRECEDENCE;
    }
}
