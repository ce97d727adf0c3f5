package io.myriad.observability.kafka;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.mock.MockProducerFactory;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

class KafkaObservabilityAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(KafkaAutoConfiguration.class, KafkaObservabilityAutoConfiguration.class));

    // No KafkaAutoConfiguration here: its KafkaAdmin would make the first observed send ask a broker for its id.
    private final ApplicationContextRunner tracedRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
                    MicrometerTracingAutoConfiguration.class, OpenTelemetrySdkAutoConfiguration.class,
                    OpenTelemetryTracingAutoConfiguration.class, KafkaObservabilityAutoConfiguration.class))
            .withPropertyValues("management.tracing.sampling.probability=1.0")
            .withUserConfiguration(ServicesOwnKafkaBeans.class);

    @Test
    void carriesTheTraceThroughATemplateTheServiceBuildsItself() {
        this.tracedRunner.run((context) -> {
            // when the service sends through the template it built itself
            context.getBean("ordersTemplate", KafkaTemplate.class).send("orders", "order-1").get();

            // then the record leaves with the W3C trace context a consumer continues
            ProducerRecord<?, ?> sent = context.getBean(ServicesOwnKafkaBeans.class).producer.history().getFirst();
            assertThat(sent.headers().lastHeader("traceparent")).as("traceparent header").isNotNull()
                    .extracting((header) -> new String(header.value(), StandardCharsets.UTF_8), as(STRING))
                    .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
        });
    }

    @Test
    void observesListenerContainersTheServiceBuildsItself() {
        this.tracedRunner.run((context) -> {
            ConcurrentKafkaListenerContainerFactory<?, ?> factory = context.getBean("ordersListenerFactory",
                    ConcurrentKafkaListenerContainerFactory.class);
            ConcurrentMessageListenerContainer<?, ?> container = context.getBean("ordersContainer",
                    ConcurrentMessageListenerContainer.class);

            assertThat(factory.createContainer("orders").getContainerProperties().isObservationEnabled())
                    .as("a container from the service's own factory").isTrue();
            assertThat(container.getContainerProperties().isObservationEnabled())
                    .as("a container the service declared as a bean").isTrue();
        });
    }

    @Test
    void leavesTemplatesAndContainersUnobservedWhenObservationIsDisabled() {
        this.tracedRunner.withPropertyValues("myriad.observability.kafka.observation-enabled=false")
                .run((context) -> {
                    assertThat(context).doesNotHaveBean(KafkaObservationEnabler.class);

                    context.getBean("ordersTemplate", KafkaTemplate.class).send("orders", "order-1").get();

                    ProducerRecord<?, ?> sent = context.getBean(ServicesOwnKafkaBeans.class).producer.history()
                            .getFirst();
                    assertThat(sent.headers().lastHeader("traceparent")).isNull();
                    assertThat(context.getBean("ordersContainer", ConcurrentMessageListenerContainer.class)
                            .getContainerProperties().isObservationEnabled()).isFalse();
                });
    }

    @Test
    void backsOffWithoutSpringKafka() {
        this.runner.withClassLoader(new FilteredClassLoader(KafkaTemplate.class)).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(KafkaObservationEnabler.class).doesNotHaveBean("kafkaHealthIndicator");
        });
    }

    @Test
    void checksKafkaForReadinessByDefault() {
        this.runner.run((context) -> assertThat(context).hasSingleBean(KafkaHealthIndicator.class)
                .hasBean("kafkaHealthIndicator"));
    }

    @Test
    void doesNotCheckKafkaWhenItsHealthIndicatorIsDisabled() {
        this.runner.withPropertyValues("management.health.kafka.enabled=false")
                .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("kafkaHealthIndicator"));
    }

    @Test
    void doesNotCheckKafkaWithoutSpringBootsHealthSupport() {
        this.runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("kafkaHealthIndicator")
                        .hasSingleBean(KafkaObservationEnabler.class));
    }

    @Test
    void backsOffToTheServicesOwnKafkaHealthIndicator() {
        this.runner.withUserConfiguration(ServicesOwnHealthIndicator.class).run((context) -> {
            assertThat(context).doesNotHaveBean(KafkaHealthIndicator.class);
            assertThat(context.getBean("kafkaHealthIndicator", HealthIndicator.class).health(false).getStatus())
                    .isEqualTo(Status.UNKNOWN);
        });
    }

    @Test
    void reportsKafkaDownWithinTheTimeoutWhenNoBrokerAnswers() throws IOException {
        String closedPort = "127.0.0.1:" + closedPort();
        this.runner
                .withPropertyValues("spring.kafka.bootstrap-servers=" + closedPort,
                        "myriad.observability.kafka.health-timeout=500ms")
                .run((context) -> {
                    HealthIndicator kafka = context.getBean("kafkaHealthIndicator", HealthIndicator.class);

                    long started = System.nanoTime();
                    Health health = kafka.health(true);
                    Duration took = Duration.ofNanos(System.nanoTime() - started);

                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(health.getDetails()).containsKey("error");
                    assertThat(took).as("time to answer the probe").isLessThan(Duration.ofMillis(1500));
                });
    }

    @Test
    void neitherObservesNorChecksKafkaWhenSwitchedOff() {
        this.runner.withPropertyValues("myriad.observability.kafka.enabled=false")
                .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(KafkaObservationEnabler.class)
                        .doesNotHaveBean("kafkaHealthIndicator"));
    }

    @Test
    void backsOffToTheServicesOwnObservationEnabler() {
        KafkaObservationEnabler own = new KafkaObservationEnabler();
        this.runner.withBean("ownObservationEnabler", KafkaObservationEnabler.class, () -> own)
                .run((context) -> assertThat(context).getBean(KafkaObservationEnabler.class).isSameAs(own));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ServicesOwnKafkaBeans {

        final MockProducer<String, String> producer = new MockProducer<>(true, null, new StringSerializer(),
                new StringSerializer());

        @Bean
        KafkaTemplate<String, String> ordersTemplate() {
            return new KafkaTemplate<>(new MockProducerFactory<>(() -> this.producer));
        }

        @Bean
        ConcurrentKafkaListenerContainerFactory<String, String> ordersListenerFactory() {
            ConcurrentKafkaListenerContainerFactory<String, String> factory = new ConcurrentKafkaListenerContainerFactory<>();
            factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(Map.of()));
            factory.setAutoStartup(false);
            return factory;
        }

        @Bean
        ConcurrentMessageListenerContainer<String, String> ordersContainer() {
            ContainerProperties properties = new ContainerProperties("orders");
            properties.setMessageListener((MessageListener<String, String>) (record) -> {
            });
            ConcurrentMessageListenerContainer<String, String> container = new ConcurrentMessageListenerContainer<>(
                    new DefaultKafkaConsumerFactory<>(Map.of()), properties);
            container.setAutoStartup(false);
            return container;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ServicesOwnHealthIndicator {

        @Bean
        HealthIndicator kafkaHealthIndicator() {
            return () -> Health.unknown().build();
        }
    }
}
