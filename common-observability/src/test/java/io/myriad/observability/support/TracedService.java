package io.myriad.observability.support;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A service that has nothing but the starter, for tests of what it exports. Spans leave every 100 ms, so a test
 * waits for the wire, not for the exporter's default five-second schedule.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class TracedService {

    public static ConfigurableApplicationContext start(String name, String... properties) {
        return new SpringApplicationBuilder(TracedService.class).web(WebApplicationType.NONE)
                .properties("spring.application.name=" + name,
                        "management.opentelemetry.tracing.export.schedule-delay=100ms")
                .properties(properties)
                .run();
    }
}
