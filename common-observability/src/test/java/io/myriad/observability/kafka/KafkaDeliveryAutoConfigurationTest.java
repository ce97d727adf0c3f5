package io.myriad.observability.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.CommonLoggingErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.messaging.converter.MessageConversionException;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaDeliveryAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(KafkaAutoConfiguration.class, KafkaDeliveryAutoConfiguration.class))
            .withBean(SimpleMeterRegistry.class);

    @Test
    void givesEveryListenerOfBootsFactoryTheDeadLetterErrorHandlerAndTheExpiredRequestFilterByDefault() {
        this.runner.run((context) -> {
            assertThat(context).hasSingleBean(DefaultErrorHandler.class).hasSingleBean(DeadLetterRecoverer.class)
                    .hasSingleBean(ExpiredRequestFilter.class).hasSingleBean(KafkaTopics.class);

            ConcurrentKafkaListenerContainerFactory<?, ?> factory = context
                    .getBean(ConcurrentKafkaListenerContainerFactory.class);
            assertThat(factory.createContainer("orders").getCommonErrorHandler())
                    .isSameAs(context.getBean(DefaultErrorHandler.class));
        });
    }

    @Test
    void pinsTheDefaults() {
        this.runner.run((context) -> {
            MyriadKafkaProperties properties = context.getBean(MyriadKafkaProperties.class);
            assertThat(properties.topic().replicas()).isEqualTo((short) 1);
            assertThat(properties.topic().minInsyncReplicas()).isEqualTo(1);
            assertThat(properties.deadLetter().enabled()).isTrue();
            assertThat(properties.deadLetter().maxRetries()).isEqualTo(3);
            assertThat(properties.deadLetter().initialInterval()).isEqualTo(Duration.ofMillis(500));
            assertThat(properties.deadLetter().multiplier()).isEqualTo(2.0);
            assertThat(properties.deadLetter().maxInterval()).isEqualTo(Duration.ofSeconds(5));
            assertThat(properties.deadLetter().validationExceptions()).isEmpty();
            assertThat(properties.requests().skipExpired()).isTrue();
        });
    }

    @Test
    void leavesBootsDefaultErrorHandlingWhenDeadLettersAreDisabled() {
        this.runner.withPropertyValues("myriad.kafka.dead-letter.enabled=false").run((context) -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(CommonErrorHandler.class)
                    .doesNotHaveBean(DeadLetterRecoverer.class).hasSingleBean(KafkaTopics.class);
        });
    }

    @Test
    void processesExpiredRequestsWhenSkippingIsDisabled() {
        this.runner.withPropertyValues("myriad.kafka.requests.skip-expired=false")
                .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ExpiredRequestFilter.class));
    }

    @Test
    void backsOffWithoutSpringKafka() {
        this.runner.withClassLoader(new FilteredClassLoader(KafkaTemplate.class)).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(KafkaTopics.class).doesNotHaveBean(DeadLetterRecoverer.class)
                    .doesNotHaveBean(ExpiredRequestFilter.class);
        });
    }

    @Test
    void backsOffToTheServicesOwnErrorHandlerAndTopics() {
        this.runner.withUserConfiguration(ServicesOwnBeans.class).run((context) -> {
            assertThat(context).doesNotHaveBean(DefaultErrorHandler.class);
            assertThat(context.getBean(CommonErrorHandler.class)).isInstanceOf(CommonLoggingErrorHandler.class);
            assertThat(context.getBean(KafkaTopics.class)).isSameAs(context.getBean(ServicesOwnBeans.class).topics);
        });
    }

    @Test
    void declaresTopicsAndTheirDeadLetterTopicsWithTheConfiguredReplication() {
        this.runner.withPropertyValues("myriad.kafka.topic.replicas=3", "myriad.kafka.topic.min-insync-replicas=2")
                .run((context) -> {
                    KafkaTopics topics = context.getBean(KafkaTopics.class);

                    NewTopic produced = topics.topic("order.events", 3);
                    List<NewTopic> consumed = topics.withDeadLetterTopic("orders", 3);

                    assertThat(produced.replicationFactor()).isEqualTo((short) 3);
                    assertThat(produced.configs()).containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2");
                    assertThat(consumed).extracting(NewTopic::name)
                            .containsExactly("orders", "orders.DLT");
                    assertThat(consumed).allSatisfy((topic) -> {
                        assertThat(topic.numPartitions()).isEqualTo(3);
                        assertThat(topic.replicationFactor()).isEqualTo((short) 3);
                        assertThat(topic.configs()).containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2");
                    });
                    assertThat(topics.consumedTopics()).containsExactly("orders");
                });
    }

    @Test
    void exposesEveryDeadLetterSeriesOfAConsumedTopicAtZeroSoTheFirstDeadLetterIsAnIncrease() {
        this.runner.withUserConfiguration(ConsumesReminderCommands.class).run((context) -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            for (DeadLetterReason reason : DeadLetterReason.values()) {
                assertThat(registry.get(KafkaDeliveryMetrics.DEAD_LETTERS).tag("topic", "orders")
                        .tag("reason", reason.tag()).counter().count()).as(reason.tag()).isZero();
            }
        });
    }

    @Test
    void offersTheDeadLettersEndpointWhenExposed() {
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=deadletters")
                .run((context) -> assertThat(context).hasSingleBean(DeadLettersEndpoint.class));
        this.runner.run((context) -> assertThat(context).doesNotHaveBean(DeadLettersEndpoint.class));
    }

    @Test
    void skipsARequestWhoseDeadlinePassedAndCountsItUnderItsTopic() {
        MeterRegistry registry = new SimpleMeterRegistry();
        KafkaTopics topics = new KafkaTopics(new MyriadKafkaProperties.Topic((short) 1, 1));
        topics.consumed("price.requests", 3);
        Instant now = Instant.parse("2026-01-01T10:00:00Z");
        ExpiredRequestFilter filter = new ExpiredRequestFilter(new KafkaDeliveryMetrics(registry, topics),
                Clock.fixed(now, ZoneOffset.UTC));

        ConsumerRecord<Object, Object> stale = request("price.requests", now.minusMillis(1));
        ConsumerRecord<Object, Object> awaited = request("price.requests", now.plusSeconds(1));
        ConsumerRecord<Object, Object> undated = new ConsumerRecord<>("price.requests", 0, 2, "q", "v");
        ConsumerRecord<Object, Object> elsewhere = request("someone.elses.topic", now.minusSeconds(1));

        assertThat(filter.intercept(stale, null)).isNull();
        assertThat(filter.intercept(awaited, null)).isSameAs(awaited);
        assertThat(filter.intercept(undated, null)).isSameAs(undated);
        assertThat(filter.intercept(elsewhere, null)).isNull();
        assertThat(registry.get(KafkaDeliveryMetrics.SKIPPED_REQUESTS).tag("topic", "price.requests")
                .tag("reason", "expired").counter().count()).isEqualTo(1);
        assertThat(registry.get(KafkaDeliveryMetrics.SKIPPED_REQUESTS).tag("topic", "other").counter().count())
                .isEqualTo(1);
    }

    @Test
    void namesTheReasonOfADeadLetterFromTheFailureAndItsCauses() {
        List<Class<? extends Throwable>> validation = List.of(IllegalStateException.class);

        assertThat(DeadLetterReason.of(new RuntimeException(new DeserializationException("bad", new byte[0], false,
                new RuntimeException())), validation)).isEqualTo(DeadLetterReason.DESERIALIZATION);
        assertThat(DeadLetterReason.of(new MessageConversionException("not json"), validation))
                .isEqualTo(DeadLetterReason.DESERIALIZATION);
        assertThat(DeadLetterReason.of(new RuntimeException(new IllegalStateException("blank")), validation))
                .isEqualTo(DeadLetterReason.VALIDATION);
        assertThat(DeadLetterReason.of(new RuntimeException("redis down"), validation))
                .isEqualTo(DeadLetterReason.PROCESSING);
    }

    @Test
    void leavesTopicsDeadLettersAndExpiredRequestsToTheServiceWhenSwitchedOff() {
        this.runner.withPropertyValues("myriad.kafka.enabled=false").run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(KafkaTopics.class).doesNotHaveBean(DeadLetterRecoverer.class)
                    .doesNotHaveBean(DefaultErrorHandler.class).doesNotHaveBean(ExpiredRequestFilter.class);
        });
    }

    private static ConsumerRecord<Object, Object> request(String topic, Instant deadline) {
        ConsumerRecord<Object, Object> record = new ConsumerRecord<>(topic, 0, 1, "q", "v");
        ExpiredRequestFilter.setDeadline(record.headers(), deadline);
        return record;
    }

    @Configuration(proxyBeanMethods = false)
    static class ConsumesReminderCommands {

        @Bean
        KafkaAdmin.NewTopics reminderCommandsTopics(KafkaTopics topics) {
            return topics.consumed("orders", 3);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ServicesOwnBeans {

        final KafkaTopics topics = new KafkaTopics(new MyriadKafkaProperties.Topic((short) 1, 1));

        @Bean
        CommonErrorHandler servicesErrorHandler() {
            return new CommonLoggingErrorHandler();
        }

        @Bean
        KafkaTopics servicesTopics() {
            return this.topics;
        }
    }
}
