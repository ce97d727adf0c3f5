package io.myriad.observability.tracing;

import io.myriad.observability.MyriadObservabilityProperties;
import io.opentelemetry.exporter.zipkin.ZipkinSpanExporter;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.micrometer.tracing.autoconfigure.ConditionalOnEnabledTracingExport;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

final class TracingExportConfigurations {

    private TracingExportConfigurations() {
    }

    // Boot's switches (management.tracing.export.enabled, management.tracing.export.zipkin.enabled) turn it off too.
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty("myriad.observability.tracing.zipkin.endpoint")
    @ConditionalOnEnabledTracingExport("zipkin")
    static class Zipkin {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        ZipkinSpanExporter zipkinSpanExporter(MyriadObservabilityProperties properties) {
            return ZipkinSpanExporter.builder()
                    .setEndpoint(properties.tracing().zipkin().endpoint().toString())
                    .build();
        }
    }
}
