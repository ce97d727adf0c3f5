package io.myriad.observability.tracing;

import io.opentelemetry.exporter.zipkin.ZipkinSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanExporters;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class TracingObservabilityAutoConfigurationTest {

    private static final String ZIPKIN_ENDPOINT = "myriad.observability.tracing.zipkin.endpoint=http://127.0.0.1:9411/api/v2/spans";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
                    OpenTelemetryTracingAutoConfiguration.class, TracingObservabilityAutoConfiguration.class));

    @Test
    void exportsSpansToZipkinWhenEndpointIsSet() {
        this.runner.withPropertyValues(ZIPKIN_ENDPOINT).run((context) -> {
            assertThat(context).hasSingleBean(ZipkinSpanExporter.class);
            assertThat(context.getBean(SpanExporters.class).list()).as("the exporters Boot's span processor feeds")
                    .contains(context.getBean(ZipkinSpanExporter.class));
        });
    }

    @Test
    void exportsNothingToZipkinWhenNoEndpointIsSet() {
        this.runner.run((context) -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(ZipkinSpanExporter.class);
            assertThat(context.getBean(SpanExporters.class).list()).isEmpty();
        });
    }

    @Test
    void exportsNothingToZipkinWhenZipkinExportIsSwitchedOff() {
        this.runner.withPropertyValues(ZIPKIN_ENDPOINT, "management.tracing.export.zipkin.enabled=false")
                .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ZipkinSpanExporter.class));
    }

    @Test
    void exportsNothingToZipkinWhenTracingExportIsSwitchedOff() {
        this.runner.withPropertyValues(ZIPKIN_ENDPOINT, "management.tracing.export.enabled=false")
                .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ZipkinSpanExporter.class));
    }

    @Test
    void exportsNothingToZipkinWhenSwitchedOff() {
        this.runner.withPropertyValues(ZIPKIN_ENDPOINT, "myriad.observability.tracing.enabled=false")
                .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ZipkinSpanExporter.class));
    }

    @Test
    void backsOffWhenTheZipkinExporterIsMissing() {
        this.runner.withPropertyValues(ZIPKIN_ENDPOINT)
                .withClassLoader(new FilteredClassLoader(ZipkinSpanExporter.class))
                .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ZipkinSpanExporter.class));
    }

    @Test
    void backsOffWhenSpringBootsOpenTelemetryTracingIsMissing() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TracingObservabilityAutoConfiguration.class))
                .withPropertyValues(ZIPKIN_ENDPOINT)
                .withClassLoader(new FilteredClassLoader(OpenTelemetryTracingAutoConfiguration.class))
                .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ZipkinSpanExporter.class));
    }

    @Test
    void backsOffToTheServicesOwnZipkinExporter() {
        this.runner.withPropertyValues(ZIPKIN_ENDPOINT).withUserConfiguration(OwnZipkinExporter.class)
                .run((context) -> {
                    assertThat(context).hasSingleBean(ZipkinSpanExporter.class).hasBean("ownZipkinExporter");
                    assertThat(context.getBean(SpanExporters.class).list())
                            .containsExactly(context.getBean("ownZipkinExporter", SpanExporter.class));
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnZipkinExporter {

        @Bean(destroyMethod = "close")
        ZipkinSpanExporter ownZipkinExporter() {
            return ZipkinSpanExporter.builder().setEndpoint("http://zipkin.example:9411/api/v2/spans").build();
        }
    }
}
