package io.myriad.observability.kafka;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Declares the fleet's topics with the replication the environment asks for ({@code myriad.kafka.topic.*}), so no
 * service types a replication factor of its own. A service declares each topic it consumes with
 * {@link #consumed(String, int)}: the topic and its dead-letter topic.
 */
public class KafkaTopics {

    /** What Spring Kafka's {@code DeadLetterPublishingRecoverer} appends to a topic's name by default. */
    public static final String DEAD_LETTER_SUFFIX = ".DLT";

    private final MyriadKafkaProperties.Topic settings;

    private final Set<String> consumed = new TreeSet<>();

    public KafkaTopics(MyriadKafkaProperties.Topic settings) {
        this.settings = settings;
    }

    /** A topic this service produces to but does not consume. */
    public NewTopic topic(String name, int partitions) {
        return TopicBuilder.name(name)
                .partitions(partitions)
                .replicas(this.settings.replicas())
                .configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                        String.valueOf(this.settings.minInsyncReplicas())))
                .build();
    }

    /**
     * A topic this service consumes, and its dead-letter topic with as many partitions (a record is dead-lettered
     * to the partition it came from).
     */
    public KafkaAdmin.NewTopics consumed(String name, int partitions) {
        return new KafkaAdmin.NewTopics(withDeadLetterTopic(name, partitions).toArray(NewTopic[]::new));
    }

    List<NewTopic> withDeadLetterTopic(String name, int partitions) {
        synchronized (this.consumed) {
            this.consumed.add(name);
        }
        return List.of(topic(name, partitions), topic(deadLetterTopic(name), partitions));
    }

    /** The topics declared with {@link #consumed(String, int)}: the closed set of the dead-letter metrics' tag. */
    public Set<String> consumedTopics() {
        synchronized (this.consumed) {
            return Set.copyOf(this.consumed);
        }
    }

    public static String deadLetterTopic(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
