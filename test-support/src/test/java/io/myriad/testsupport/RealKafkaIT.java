package io.myriad.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@RealKafka
class RealKafkaIT {

    @Test
    void deliversAProducedRecordToAConsumerThroughTheBroker(KafkaServer kafka) throws Exception {
        // given
        String topic = "questions-" + UUID.randomUUID();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new StringSerializer());
                var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, "readers-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                        new StringDeserializer(), new StringDeserializer())) {

            // when
            producer.send(new ProducerRecord<>(topic, "lightbulb", "What is a lightbulb?")).get();
            consumer.subscribe(List.of(topic));

            // then
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).pollInSameThread().untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                assertThat(received).extracting(ConsumerRecord::key, ConsumerRecord::value)
                        .containsExactly(tuple("lightbulb", "What is a lightbulb?"));
            });
        }
    }

    @Test
    void runsEmbeddedExactlyWhenNoDockerEngineAnswers(KafkaServer kafka) {
        assertThat(kafka.mode()).isEqualTo(ExpectedMode.here());
    }

    @Test
    void publishesItsAddressForSpringBootAwayFromTheFleetsSeedPort(KafkaServer kafka) {
        assertThat(System.getProperty("spring.kafka.bootstrap-servers")).isEqualTo(kafka.bootstrapServers());
        assertThat(kafka.bootstrapServers()).doesNotEndWith(":9092");
    }
}
