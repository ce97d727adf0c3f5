package io.myriad.observability;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the Myriad observability starter. Where Spring Boot already has a property (sampling, OTLP
 * endpoint, exposure, tags) the starter gives it a fleet default instead of adding one here; see
 * {@link ObservabilityDefaults}.
 *
 * @param env deployment environment, the {@code env} tag on every metric and log line
 * @param instance value of the {@code instance} tag on every metric; host name and server port when unset
 * @param tracing trace export beyond what Spring Boot configures
 * @param logging log shipping
 * @param kafka Kafka instrumentation
 * @param web HTTP serving: instrumentation, error format, request body limits
 * @param metrics guards on what the service's meters may become
 * @param health readiness dependencies as metrics
 */
@ConfigurationProperties("myriad.observability")
public record MyriadObservabilityProperties(
        @DefaultValue("local") String env,
        String instance,
        @DefaultValue Tracing tracing,
        @DefaultValue Logging logging,
        @DefaultValue Kafka kafka,
        @DefaultValue Web web,
        @DefaultValue Metrics metrics,
        @DefaultValue Health health) {

    /**
     * @param enabled whether the starter adds trace export beyond Boot's (the Zipkin exporter)
     * @param zipkin export of spans to a Zipkin server through OpenTelemetry's Zipkin span exporter
     */
    public record Tracing(
            @DefaultValue("true") boolean enabled,
            @DefaultValue Zipkin zipkin) {
    }

    /**
     * @param endpoint Zipkin's span intake, e.g. {@code http://127.0.0.1:9411/api/v2/spans}; no export when unset
     */
    public record Zipkin(URI endpoint) {
    }

    /**
     * @param loki push of log events to Loki
     */
    public record Logging(@DefaultValue Loki loki) {
    }

    /**
     * @param enabled whether log events are pushed to Loki
     * @param url Loki's push API, e.g. {@code http://loki:3100/loki/api/v1/push}
     * @param batchTimeout longest time an event waits in a batch before it is sent
     */
    public record Loki(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("http://localhost:3100/loki/api/v1/push") URI url,
            @DefaultValue("1s") Duration batchTimeout) {
    }

    /**
     * @param enabled whether the starter instruments Kafka: observations on the templates and listener containers a
     *        service builds itself, and the readiness check that asks the brokers
     * @param observationEnabled whether every KafkaTemplate and listener container records observations, which
     *        carry the trace context across Kafka
     * @param healthTimeout how long the Kafka readiness check waits for the cluster to answer
     */
    public record Kafka(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("true") boolean observationEnabled,
            @DefaultValue("2s") Duration healthTimeout) {
    }

    /**
     * @param enabled whether the starter shapes HTTP serving at all: access log, actuator requests left unobserved,
     *        problem details and the request guard, on the public and the management port
     * @param accessLog whether each request to the service's public port is logged once, with its trace id
     * @param observeActuator whether requests to actuator endpoints (probes, scrapes), and the Redis and Neo4j
     *        commands their health checks send, are traced and timed like user traffic
     * @param problemDetails whether every error the container or the error path answers, or that is sent without a
     *        body, on the public and the management port, is an RFC 9457 problem ({@code application/problem+json})
     *        rather than Tomcat's HTML page, Boot's error JSON or nothing
     * @param requestGuard whether requests are refused before any controller or security filter reads them when
     *        their body is over max-body-size (413), their body's content type is multipart or a wildcard (415) or
     *        their target has {@code .} or {@code ..} segments (400)
     * @param maxBodySize largest request body the service reads, whether it announces its length or arrives chunked
     * @param operations calls of handler methods marked {@code @ApiOperation}, counted by outcome
     */
    public record Web(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("true") boolean accessLog,
            @DefaultValue("false") boolean observeActuator,
            @DefaultValue("true") boolean problemDetails,
            @DefaultValue("true") boolean requestGuard,
            @DefaultValue("64KB") DataSize maxBodySize,
            @DefaultValue Operations operations) {
    }

    /**
     * @param enabled whether each call of a handler method marked {@code @ApiOperation} is counted, tagged entity,
     *        operation and status (success, invalid, not_found, rejected or error)
     * @param name name of that counter in Micrometer's dotted form; Prometheus adds {@code _total}
     * @param description help text of that counter
     */
    public record Operations(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("api.operations") String name,
            @DefaultValue("API calls by entity, operation and outcome") String description) {
    }

    /**
     * @param enabled whether the starter filters meters: Prometheus naming conventions and the tag guard
     * @param tagGuard cap on the number of distinct values a tag takes per meter
     */
    public record Metrics(
            @DefaultValue("true") boolean enabled,
            @DefaultValue TagGuard tagGuard) {
    }

    /**
     * @param enabled whether each readiness dependency the service has is a {@code myriad_dependency_up} gauge
     */
    public record Health(@DefaultValue("true") boolean enabled) {
    }

    /**
     * @param enabled whether values of a tag past max-values are folded into one {@code OTHER} series
     * @param maxValues most distinct values one tag key keeps per meter name before new ones become {@code OTHER}
     */
    public record TagGuard(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("100") int maxValues) {
    }
}
