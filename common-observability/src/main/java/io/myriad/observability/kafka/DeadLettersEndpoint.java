package io.myriad.observability.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/deadletters}: what waits on the dead-letter topics of the topics this service consumes, and a
 * replay of one of them to its original topic once the cause is fixed.
 * <p>
 * Replay reads {@code <topic>.DLT} as the consumer group {@code <group>-dead-letter-replay} from where the last replay
 * stopped up to the end it saw when it began (so a record that fails again is not replayed in the same call), sends
 * each record's original key, bytes and headers (without the {@code kafka_dlt-*} ones) to {@code <topic>}, and
 * commits. The records stay on the dead-letter topic for its retention.
 */
@Endpoint(id = "deadletters")
public class DeadLettersEndpoint {

    private static final Duration POLL = Duration.ofMillis(500);

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final KafkaTopics topics;

    private final Supplier<Map<String, Object>> consumerConfig;

    private final Supplier<Map<String, Object>> producerConfig;

    private final String replayGroup;

    public DeadLettersEndpoint(KafkaTopics topics, Supplier<Map<String, Object>> consumerConfig,
            Supplier<Map<String, Object>> producerConfig, String group) {
        this.topics = topics;
        this.consumerConfig = consumerConfig;
        this.producerConfig = producerConfig;
        this.replayGroup = group + "-dead-letter-replay";
    }

    /** Every dead-letter topic of this service: records on it and records not replayed yet. */
    @ReadOperation
    public DeadLetters deadLetters() {
        Map<String, DeadLetterTopic> found = new LinkedHashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            for (String topic : this.topics.consumedTopics()) {
                String deadLetterTopic = KafkaTopics.deadLetterTopic(topic);
                found.put(deadLetterTopic, describe(consumer, topic, partitions(consumer, deadLetterTopic)));
            }
        }
        return new DeadLetters(found);
    }

    /** Sends the records of {@code topic} (a dead-letter topic of this service) not replayed yet back to its origin. */
    @WriteOperation
    public Replay replay(@Selector String topic) {
        String original = originalTopic(topic);
        if (original == null) {
            return null;
        }
        try (KafkaConsumer<byte[], byte[]> consumer = consumer();
                KafkaProducer<byte[], byte[]> producer = producer()) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, PATIENCE);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions), PATIENCE);
            Map<TopicPartition, Long> remaining = new HashMap<>();
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata from = committed.get(partition);
                if (from != null) {
                    consumer.seek(partition, from.offset());
                }
                else {
                    consumer.seekToBeginning(List.of(partition));
                }
                if (consumer.position(partition, PATIENCE) < end.get(partition)) {
                    remaining.put(partition, end.get(partition));
                }
            }
            long replayed = 0;
            long giveUp = System.nanoTime() + PATIENCE.toNanos();
            while (!remaining.isEmpty() && System.nanoTime() < giveUp) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    Long stop = remaining.get(partition);
                    if (stop == null || record.offset() >= stop) {
                        continue;
                    }
                    producer.send(toOriginal(original, record));
                    replayed++;
                }
                remaining.entrySet()
                        .removeIf((entry) -> consumer.position(entry.getKey(), PATIENCE) >= entry.getValue());
            }
            producer.flush();
            // Only what was sent is committed: a partition not read to its end is replayed on by the next call.
            Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
            for (TopicPartition partition : partitions) {
                done.put(partition, new OffsetAndMetadata(consumer.position(partition, PATIENCE)));
            }
            consumer.commitSync(done, PATIENCE);
            return new Replay(topic, original, replayed);
        }
    }

    private String originalTopic(String deadLetterTopic) {
        for (String topic : this.topics.consumedTopics()) {
            if (KafkaTopics.deadLetterTopic(topic).equals(deadLetterTopic)) {
                return topic;
            }
        }
        return null;
    }

    private static ProducerRecord<byte[], byte[]> toOriginal(String original, ConsumerRecord<byte[], byte[]> record) {
        List<Header> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            if (!header.key().startsWith("kafka_dlt-") && !header.key().startsWith("springDeserializerException")) {
                headers.add(header);
            }
        }
        return new ProducerRecord<>(original, null, record.key(), record.value(), headers);
    }

    private DeadLetterTopic describe(KafkaConsumer<byte[], byte[]> consumer, String original,
            List<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return new DeadLetterTopic(original, 0, 0);
        }
        Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions, PATIENCE);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, PATIENCE);
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions), PATIENCE);
        long records = 0;
        long pending = 0;
        for (TopicPartition partition : partitions) {
            long first = beginning.get(partition);
            long last = end.get(partition);
            OffsetAndMetadata replayed = committed.get(partition);
            records += last - first;
            pending += last - Math.max(first, (replayed != null) ? replayed.offset() : first);
        }
        return new DeadLetterTopic(original, records, pending);
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, PATIENCE);
        return (infos != null) ? infos.stream().map((info) -> new TopicPartition(topic, info.partition())).toList()
                : List.of();
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> config = new HashMap<>(this.consumerConfig.get());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, this.replayGroup);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, this.replayGroup);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Map<String, Object> config = new HashMap<>(this.producerConfig.get());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, this.replayGroup);
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * @param topics each dead-letter topic of the service
     */
    public record DeadLetters(Map<String, DeadLetterTopic> topics) {
    }

    /**
     * @param originalTopic where a replay sends its records
     * @param records records on the dead-letter topic (within its retention)
     * @param pending records no replay has sent back yet
     */
    public record DeadLetterTopic(String originalTopic, long records, long pending) {
    }

    /**
     * @param topic the dead-letter topic replayed
     * @param to the topic its records went back to
     * @param replayed how many records went back
     */
    public record Replay(String topic, String to, long replayed) {
    }
}
