package io.myriad.observability.kafka;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service that only depends on the starter, over a real broker: a record that cannot be read and one whose
 * processing keeps failing both end on {@code orders.DLT} after the bounded retries, counted in Prometheus, listed by
 * {@code /actuator/deadletters}; a replay once the cause is fixed puts them back on {@code orders}.
 */
class DeadLetterIT {

    private static final String TOPIC = "orders";

    private static final String DEAD_LETTERS = TOPIC + ".DLT";

    /** Requests a single partition serves in order. */
    private static final String QUOTES = "quotes";

    private static final int MAX_RETRIES = 3;

    private static final JsonMapper json = JsonMapper.builder().build();

    private static final HttpClient http = HttpClient.newHttpClient();

    private static EmbeddedKafkaKraftBroker broker;

    private static ConfigurableApplicationContext service;

    @BeforeAll
    static void startBrokerAndService() {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.afterPropertiesSet();
        service = new SpringApplicationBuilder(OrderService.class).properties(Map.ofEntries(
                Map.entry("spring.application.name", "orders"), Map.entry("server.port", 0),
                Map.entry("management.server.port", 0),
                Map.entry("spring.kafka.bootstrap-servers", broker.getBrokersAsString()),
                Map.entry("spring.kafka.consumer.group-id", "orders"),
                Map.entry("spring.kafka.consumer.auto-offset-reset", "earliest"),
                Map.entry("spring.kafka.producer.value-serializer",
                        "org.springframework.kafka.support.serializer.JacksonJsonSerializer"),
                Map.entry("spring.kafka.consumer.value-deserializer",
                        "org.springframework.kafka.support.serializer.ErrorHandlingDeserializer"),
                Map.entry("spring.kafka.consumer.properties.spring.deserializer.value.delegate.class",
                        "org.springframework.kafka.support.serializer.JacksonJsonDeserializer"),
                Map.entry("spring.kafka.consumer.properties.spring.json.value.default.type", Order.class.getName()),
                Map.entry("spring.kafka.consumer.properties.spring.json.use.type.headers", "false"),
                Map.entry("myriad.kafka.dead-letter.max-retries", MAX_RETRIES),
                Map.entry("myriad.kafka.dead-letter.initial-interval", "50ms"),
                Map.entry("myriad.kafka.dead-letter.max-interval", "200ms")))
                .run();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (broker != null) {
            broker.destroy();
        }
    }

    @Test
    void deadLettersAPoisonRecordAndAFailingOneAfterTheRetriesCountsThemAndReplaysThemOnceFixed() throws Exception {
        OrderListener listener = service.getBean(OrderListener.class);

        // given a record that is not an order, and an order whose processing fails while its dependency is down
        try (KafkaProducer<byte[], byte[]> producer = rawProducer()) {
            producer.send(new ProducerRecord<>(TOPIC, "poison".getBytes(StandardCharsets.UTF_8),
                    "{not json".getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(TOPIC, "order-1".getBytes(StandardCharsets.UTF_8),
                    "{\"id\":\"order-1\"}".getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
        }

        // then both end on the dead-letter topic, the failing one after its first delivery and every retry
        List<ConsumerRecord<byte[], byte[]>> deadLetters = await("two dead letters").atMost(Duration.ofSeconds(30))
                .until(() -> read(DEAD_LETTERS), (records) -> records.size() == 2);
        assertThat(deadLetters).extracting((record) -> new String(record.key(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrder("poison", "order-1");
        assertThat(deadLetters).allSatisfy((record) -> assertThat(
                new String(record.headers().lastHeader("kafka_dlt-original-topic").value(), StandardCharsets.UTF_8))
                .isEqualTo(TOPIC));
        assertThat(listener.attempts.get("order-1").get()).as("deliveries of the failing order")
                .isEqualTo(1 + MAX_RETRIES);
        assertThat(listener.attempts).as("the poison record never reached the listener").doesNotContainKey("poison");

        // and Prometheus has them by topic and reason
        String scrape = get("/actuator/prometheus");
        assertThat(scrape).contains("myriad_kafka_dead_letters_total{" + tags("deserialization") + "} 1.0")
                .contains("myriad_kafka_dead_letters_total{" + tags("processing") + "} 1.0");

        // and the endpoint lists them as waiting
        JsonNode listed = json.readTree(get("/actuator/deadletters")).path("topics").path(DEAD_LETTERS);
        assertThat(listed.path("originalTopic").asString()).isEqualTo(TOPIC);
        assertThat(listed.path("records").asLong()).isEqualTo(2);
        assertThat(listed.path("pending").asLong()).isEqualTo(2);

        // when the dependency is back and the operator replays the dead-letter topic
        listener.healthy = true;
        JsonNode replay = json.readTree(post("/actuator/deadletters/" + DEAD_LETTERS));

        // then both went back: the order is processed, the poison record is dead-lettered again
        assertThat(replay.path("replayed").asLong()).isEqualTo(2);
        assertThat(replay.path("to").asString()).isEqualTo(TOPIC);
        await("the replayed order processed").atMost(Duration.ofSeconds(20))
                .until(() -> listener.processed, (processed) -> processed.contains("order-1"));
        await("the poison record back on the dead-letter topic").atMost(Duration.ofSeconds(20))
                .until(() -> read(DEAD_LETTERS).size(), (size) -> size == 3);
        JsonNode after = json.readTree(get("/actuator/deadletters")).path("topics").path(DEAD_LETTERS);
        assertThat(after.path("records").asLong()).isEqualTo(3);
        assertThat(after.path("pending").asLong()).as("only the poison record, dead-lettered again").isEqualTo(1);
        assertThat(get("/actuator/prometheus"))
                .contains("myriad_kafka_dead_letters_total{" + tags("deserialization") + "} 2.0");
    }

    @Test
    void skipsARequestWhoseSenderStoppedWaitingAndCountsIt() throws Exception {
        QuoteListener listener = service.getBean(QuoteListener.class);

        // given a request whose deadline passed while it waited on the topic, then one still awaited
        try (KafkaProducer<byte[], byte[]> producer = rawProducer()) {
            ProducerRecord<byte[], byte[]> stale = new ProducerRecord<>(QUOTES,
                    "stale".getBytes(StandardCharsets.UTF_8), "{\"id\":\"stale\"}".getBytes(StandardCharsets.UTF_8));
            ExpiredRequestFilter.setDeadline(stale.headers(), java.time.Instant.now().minusSeconds(5));
            ProducerRecord<byte[], byte[]> awaited = new ProducerRecord<>(QUOTES,
                    "awaited".getBytes(StandardCharsets.UTF_8),
                    "{\"id\":\"awaited\"}".getBytes(StandardCharsets.UTF_8));
            ExpiredRequestFilter.setDeadline(awaited.headers(), java.time.Instant.now().plusSeconds(60));
            producer.send(stale).get(10, TimeUnit.SECONDS);
            producer.send(awaited).get(10, TimeUnit.SECONDS);
        }

        // then the awaited one is processed, the stale one never reached the listener, and it is counted
        await("the awaited request processed").atMost(Duration.ofSeconds(20))
                .until(() -> listener.processed, (processed) -> processed.contains("awaited"));
        assertThat(listener.processed).containsExactly("awaited");
        assertThat(get("/actuator/prometheus")).contains("myriad_kafka_skipped_requests_total{application=\"orders\","
                + "env=\"local\",instance=\"" + instance() + "\",reason=\"expired\",topic=\"" + QUOTES + "\"} 1.0");
    }

    private static String tags(String reason) {
        return "application=\"orders\",env=\"local\",instance=\"" + instance() + "\",reason=\"" + reason
                + "\",topic=\"" + TOPIC + "\"";
    }

    private static String instance() {
        String scrape = get("/actuator/prometheus");
        int at = scrape.indexOf("instance=\"");
        return scrape.substring(at + 10, scrape.indexOf('"', at + 10));
    }

    /** Everything on the topic now, read without a group. */
    private static List<ConsumerRecord<byte[], byte[]>> read(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map((info) -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < end.get(partition))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    private static KafkaProducer<byte[], byte[]> rawProducer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static String get(String path) {
        return send(HttpRequest.newBuilder(management(path)).build());
    }

    private static String post(String path) {
        return send(HttpRequest.newBuilder(management(path)).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static String send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(request.uri() + " " + response.body()).isEqualTo(200);
            return response.body();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static URI management(String path) {
        return URI.create("http://127.0.0.1:" + service.getEnvironment().getProperty("local.management.port") + path);
    }

    /** An order; the listener fails it while its dependency is down. */
    record Order(String id) {
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import({ OrderListener.class, QuoteListener.class })
    static class OrderService {

        @Bean
        KafkaAdmin.NewTopics ordersTopics(KafkaTopics topics) {
            return topics.consumed(TOPIC, 2);
        }

        @Bean
        KafkaAdmin.NewTopics quotesTopics(KafkaTopics topics) {
            return topics.consumed(QUOTES, 1);
        }
    }

    static class QuoteListener {

        final List<String> processed = new CopyOnWriteArrayList<>();

        @KafkaListener(topics = QUOTES)
        void onQuote(Order request) {
            this.processed.add(request.id());
        }
    }

    static class OrderListener {

        final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

        final List<String> processed = new CopyOnWriteArrayList<>();

        volatile boolean healthy;

        @KafkaListener(topics = TOPIC)
        void onOrder(Order order) {
            this.attempts.computeIfAbsent(order.id(), (id) -> new AtomicInteger()).incrementAndGet();
            if (!this.healthy) {
                throw new IllegalStateException("the order store is down");
            }
            this.processed.add(order.id());
        }
    }
}
