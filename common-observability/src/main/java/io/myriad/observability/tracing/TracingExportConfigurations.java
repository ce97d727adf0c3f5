package io.myriad.observability.tracing;

import io.myriad.observability.MyriadObservabilityProperties;
import io.opentelemetry.exporter.zipkin.ZipkinSpanExporter;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

final class TracingExportConfigurations {

    private TracingExportConfigurations() {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty("myriad.observability.tracing.zipkin.endpoint")
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
