package io.myriad.observability.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilterReply;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusConventionsTest {

    @Test
    void dropsMetersInSubsecondUnitsAndTakesCountOffGauges() {
        PrometheusConventions conventions = new PrometheusConventions();
        assertThat(conventions.accept(new Meter.Id("kafka.consumer.io.time.ns.total", Tags.empty(), null, null,
                Meter.Type.COUNTER))).isEqualTo(MeterFilterReply.DENY);
        assertThat(conventions.accept(new Meter.Id("jvm.compilation.time", Tags.empty(), "ms", null,
                Meter.Type.COUNTER))).isEqualTo(MeterFilterReply.DENY);
        assertThat(conventions.accept(new Meter.Id("orchestrator.query.duration", Tags.empty(), "seconds", null,
                Meter.Type.TIMER))).isEqualTo(MeterFilterReply.NEUTRAL);
        assertThat(PrometheusConventions.rename("kafka.producer.connection.count", Meter.Type.GAUGE))
                .isEqualTo("kafka.producer.connections");
        assertThat(PrometheusConventions.rename("system.cpu.count", Meter.Type.GAUGE)).isEqualTo("system.cpus");
        assertThat(PrometheusConventions.rename("orchestrator.queries", Meter.Type.COUNTER))
                .isEqualTo("orchestrator.queries");
    }

    @Test
    void givesEveryMeterAHelpTextAndLeavesOurOwnAlone() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(new PrometheusConventions());
        Timer.builder("http.server.requests").register(registry);
        Gauge.builder("kafka.consumer.connection.count", () -> 1).register(registry);
        Counter.builder("orchestrator.queries").description("Queries received").register(registry);

        String exposition = registry.scrape();

        assertThat(exposition).contains("# HELP http_server_requests_seconds HTTP requests this service served")
                .contains("# HELP kafka_consumer_connections Kafka consumer connections")
                .contains("# HELP orchestrator_queries_total Queries received")
                .doesNotContain("connection_count");
    }

    @Test
    void isAFleetDefault() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MetricsObservabilityAutoConfiguration.class))
                .withBean(MeterRegistry.class, () -> new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
                .run(context -> assertThat(context).hasSingleBean(PrometheusConventions.class));
    }
}
