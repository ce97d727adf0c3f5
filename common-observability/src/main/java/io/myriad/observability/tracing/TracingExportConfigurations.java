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
            // Uncompressed: Zipkin is the local fleet's trace store on this machine, reached over loopback, where
            // gzip only spends CPU on both ends; under ./myriad load that CPU is what Zipkin lacked to keep up.
            return ZipkinSpanExporter.builder()
                    .setEndpoint(properties.tracing().zipkin().endpoint().toString())
                    .setCompression("none")
                    .build();
        }
    }
}
