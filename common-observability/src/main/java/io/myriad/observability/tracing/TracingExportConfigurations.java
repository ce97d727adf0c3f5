package io.myriad.observability.tracing;

import io.myriad.observability.MyriadObservabilityProperties;
import io.opentelemetry.exporter.zipkin.ZipkinSpanExporter;
import zipkin2.reporter.Encoding;
import zipkin2.reporter.SpanBytesEncoder;
import zipkin2.reporter.okhttp3.OkHttpSender;

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
            // Protocol buffers, uncompressed: cheaper to write here and to read in Zipkin than JSON, and gzip over
            // loopback only spends CPU on both ends. Under ./myriad load that CPU is what Zipkin lacked to keep up.
            OkHttpSender sender = OkHttpSender.newBuilder()
                    .endpoint(properties.tracing().zipkin().endpoint().toString())
                    .encoding(Encoding.PROTO3)
                    .compressionEnabled(false)
                    .build();
            return ZipkinSpanExporter.builder().setSender(sender).setEncoder(SpanBytesEncoder.PROTO3).build();
        }
    }
}
