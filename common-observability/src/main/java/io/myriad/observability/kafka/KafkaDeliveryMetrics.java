package io.myriad.observability.kafka;

import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Records the service gave up on: {@code myriad.kafka.dead.letters} (sent to a dead-letter topic) and
 * {@code myriad.kafka.skipped.requests} (requests nobody waited for any more). The {@code topic} tag is one of the
 * topics the service declared it consumes ({@link KafkaTopics#consumed}), code constants, or {@code other}: a
 * record's topic never opens a new series. Every series of a consumed topic exists from the start, at 0, so that the
 * first dead letter is an increase Prometheus sees.
 */
public class KafkaDeliveryMetrics implements SmartInitializingSingleton {

    static final String DEAD_LETTERS = "myriad.kafka.dead.letters";

    static final String SKIPPED_REQUESTS = "myriad.kafka.skipped.requests";

    static final String OTHER_TOPIC = "other";

    private final MeterRegistry registry;

    private final KafkaTopics topics;

    public KafkaDeliveryMetrics(MeterRegistry registry, KafkaTopics topics) {
        this.registry = registry;
        this.topics = topics;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (String topic : this.topics.consumedTopics()) {
            for (DeadLetterReason reason : DeadLetterReason.values()) {
                deadLetters(topic, reason);
            }
            for (SkipReason reason : SkipReason.values()) {
                skippedRequests(topic, reason);
            }
        }
    }

    /** A record of {@code topic} was published to its dead-letter topic. */
    public void deadLettered(String topic, DeadLetterReason reason) {
        deadLetters(topic, reason).increment();
    }

    /** A request of {@code topic} was not processed, for {@code reason}. */
    public void skipped(String topic, SkipReason reason) {
        skippedRequests(topic, reason).increment();
    }

    private Counter deadLetters(String topic, DeadLetterReason reason) {
        return Counter.builder(DEAD_LETTERS)
                .description("Records published to a dead-letter topic after the retries (or at once when retrying "
                        + "cannot help), by original topic and reason")
                .baseUnit("letters")
                .tag("topic", tagValue(topic))
                .tag("reason", reason.tag())
                .register(this.registry);
    }

    private Counter skippedRequests(String topic, SkipReason reason) {
        return Counter.builder(SKIPPED_REQUESTS)
                .description("Requests a listener did not process because nobody waits for the answer any more, by "
                        + "topic and reason")
                .baseUnit("requests")
                .tag("topic", tagValue(topic))
                .tag("reason", reason.tag())
                .register(this.registry);
    }

    private String tagValue(String topic) {
        Set<String> known = this.topics.consumedTopics();
        return known.contains(topic) ? topic : OTHER_TOPIC;
    }
}
