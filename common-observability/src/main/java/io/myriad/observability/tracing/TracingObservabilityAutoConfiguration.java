package io.myriad.observability.tracing;

import io.myriad.observability.MyriadObservabilityProperties;
import io.opentelemetry.exporter.zipkin.ZipkinSpanExporter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * Trace export beyond Boot's OTLP exporter: spans also go to a Zipkin server when its endpoint is set. Boot's
 * OpenTelemetry auto-configuration hands every {@code SpanExporter} bean to its batch span processor.
 */
@AutoConfiguration(before = OpenTelemetryTracingAutoConfiguration.class)
@ConditionalOnClass({ OpenTelemetryTracingAutoConfiguration.class, ZipkinSpanExporter.class })
@ConditionalOnBooleanProperty(name = "myriad.observability.tracing.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MyriadObservabilityProperties.class)
@Import(TracingExportConfigurations.Zipkin.class)
public class TracingObservabilityAutoConfiguration {
}
