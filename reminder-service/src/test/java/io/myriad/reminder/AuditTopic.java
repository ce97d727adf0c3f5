package io.myriad.reminder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.myriad.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;

/** Reads {@code myriad.audit} from the start, as an auditor's consumer would: key and JSON value. */
public final class AuditTopic implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;

    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    public AuditTopic() {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("spring.kafka.bootstrap-servers"),
                ConsumerConfig.GROUP_ID_CONFIG, "audit-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer());
        this.consumer.subscribe(List.of(Topics.AUDIT));
    }

    /** Every event read so far for {@code userId} (the record key), after polling once more. */
    public List<JsonNode> eventsOf(String userId) {
        this.consumer.poll(Duration.ofMillis(500)).forEach(this.seen::add);
        return this.seen.stream()
                .filter(record -> userId.equals(record.key()))
                .map(record -> Api.JSON.readTree(record.value()))
                .toList();
    }

    @Override
    public void close() {
        this.consumer.close();
    }
}
