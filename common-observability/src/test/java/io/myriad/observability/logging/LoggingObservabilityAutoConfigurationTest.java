package io.myriad.observability.logging;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import com.github.loki4j.logback.Loki4jAppender;
import io.myriad.observability.MyriadObservabilityProperties;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

class LoggingObservabilityAutoConfigurationTest {

    // Nothing listens there: these tests look at the appender, LokiPushIT at what it sends.
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LoggingObservabilityAutoConfiguration.class))
            .withPropertyValues("myriad.observability.logging.loki.url=http://127.0.0.1:9/loki/api/v1/push");

    @Test
    void shipsLogsToLokiFromTheRootLoggerWhileTheApplicationRunsWhenEnabled() {
        this.runner.withPropertyValues("myriad.observability.logging.loki.enabled=true").run((context) -> {
            assertThat(context).hasSingleBean(LokiLogShipper.class);
            assertThat(lokiAppenders()).singleElement().satisfies((appender) -> assertThat(appender.isStarted()).isTrue());
        });
        assertThat(lokiAppenders()).as("after the application stopped").isEmpty();
    }

    @Test
    void shipsNothingToLokiByDefault() {
        this.runner.run((context) -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(LokiLogShipper.class);
            assertThat(lokiAppenders()).isEmpty();
        });
    }

    @Test
    void shipsNothingToLokiWhenDisabled() {
        this.runner.withPropertyValues("myriad.observability.logging.loki.enabled=false").run((context) -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(LokiLogShipper.class);
            assertThat(lokiAppenders()).isEmpty();
        });
    }

    @Test
    void backsOffWithoutLoki4j() {
        this.runner.withPropertyValues("myriad.observability.logging.loki.enabled=true")
                .withClassLoader(new FilteredClassLoader(Loki4jAppender.class))
                .run((context) -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(LokiLogShipper.class);
                    assertThat(lokiAppenders()).isEmpty();
                });
    }

    @Test
    void backsOffToTheServicesOwnShipper() {
        this.runner.withPropertyValues("myriad.observability.logging.loki.enabled=true")
                .withUserConfiguration(ServicesOwnShipper.class)
                .run((context) -> {
                    assertThat(context).hasSingleBean(LokiLogShipper.class).hasBean("ownLokiLogShipper");
                    assertThat(lokiAppenders()).as("one appender, the service's").hasSize(1);
                });
    }

    private static List<Appender<ILoggingEvent>> lokiAppenders() {
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
        Iterable<Appender<ILoggingEvent>> appenders = root::iteratorForAppenders;
        return StreamSupport.stream(appenders.spliterator(), false)
                .filter((appender) -> appender instanceof Loki4jAppender)
                .toList();
    }

    @Configuration(proxyBeanMethods = false)
    static class ServicesOwnShipper {

        @Bean
        LokiLogShipper ownLokiLogShipper(Environment environment) {
            return new LokiLogShipper(new MyriadObservabilityProperties.Loki(true,
                    URI.create("http://127.0.0.1:9/loki/api/v1/push"), Duration.ofMillis(200)), "reminders", "staging",
                    environment);
        }
    }
}
