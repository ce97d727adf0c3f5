package io.myriad.graphdb;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.myriad.graphdb.metrics.QueryTimer;
import io.myriad.observability.security.JwtSecurityAutoConfiguration;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;

/**
 * A {@code @WebMvcTest} of one controller with the service's real security chain ({@code SecurityConfiguration} on
 * the fleet's resource server) and its real problem details advice; the test class mocks the services below the
 * controller and registers the keys with {@link TestTokens#register}. Spring Security's own slice support lives in a
 * module this build does not use, so the few auto-configurations a servlet resource server needs are named here.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest
@ImportAutoConfiguration({ SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
        SecurityFilterAutoConfiguration.class, JwtSecurityAutoConfiguration.class })
@Import(ApiSlice.Collaborators.class)
@ComponentScan(basePackages = "io.myriad.graphdb.security", useDefaultFilters = false,
        includeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = ".*SecurityConfiguration"))
public @interface ApiSlice {

    /** The controller under test. */
    @AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
    Class<?>[] value();

    /** The timer every controller reports to, on a registry the test can read. */
    @TestConfiguration(proxyBeanMethods = false)
    class Collaborators {

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        QueryTimer queryTimer(MeterRegistry meters) {
            return new QueryTimer(meters);
        }
    }
}
