package io.myriad.observability.kafka;

import java.util.List;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Publishes a record the error handler gave up on to {@code <topic>.DLT} (same partition) with Spring Kafka's
 * {@link DeadLetterPublishingRecoverer}, and counts it once the broker has it. A record that failed to deserialize
 * is published with its original bytes; any other with its value as the service read it.
 */
public class DeadLetterRecoverer implements ConsumerAwareRecordRecoverer, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRecoverer.class);

    private final DefaultKafkaProducerFactory<Object, Object> producers;

    private final DeadLetterPublishingRecoverer publisher;

    private final KafkaDeliveryMetrics metrics;

    private final List<Class<? extends Throwable>> validationExceptions;

    DeadLetterRecoverer(DefaultKafkaProducerFactory<Object, Object> producers, KafkaDeliveryMetrics metrics,
            List<Class<? extends Throwable>> validationExceptions) {
        this.producers = producers;
        // Named here: Spring Kafka 4's default suffix is "-dlt", and KafkaTopics declares the same name it resolves to.
        this.publisher = new DeadLetterPublishingRecoverer(new KafkaTemplate<>(producers), (record,
                failure) -> new TopicPartition(KafkaTopics.deadLetterTopic(record.topic()), record.partition()));
        this.metrics = metrics;
        this.validationExceptions = validationExceptions;
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception failure) {
        // Throws when the broker did not take it: the error handler then keeps the record and tries again.
        this.publisher.accept(record, consumer, failure);
        DeadLetterReason reason = DeadLetterReason.of(failure, this.validationExceptions);
        this.metrics.deadLettered(record.topic(), reason);
        log.warn("Record {}-{}@{} sent to {} ({}): {}", record.topic(), record.partition(), record.offset(),
                KafkaTopics.deadLetterTopic(record.topic()), reason.tag(), rootMessage(failure));
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    @Override
    public void destroy() {
        this.producers.destroy();
    }
}
