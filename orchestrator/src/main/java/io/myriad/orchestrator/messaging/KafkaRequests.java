package io.myriad.orchestrator.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import io.myriad.observability.kafka.ExpiredRequestFilter;
import org.apache.kafka.clients.producer.ProducerRecord;

import org.springframework.kafka.requestreply.ReplyingKafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Requests to the other services over Kafka: the reply, typed, as a future that fails when none came in time.
 * Call it on the thread that carries the query's observation: the record's {@code traceparent} comes from it.
 */
@Component
public class KafkaRequests {

    private final ReplyingKafkaTemplate<String, Object, Object> template;

    KafkaRequests(ReplyingKafkaTemplate<String, Object, Object> template) {
        this.template = template;
    }

    /**
     * Sends {@code payload} to {@code topic} keyed by {@code key} and completes with the reply's value. The record
     * carries the instant this stops waiting, so a consumer that only gets to it later (after an outage) skips it.
     */
    public <T> CompletableFuture<T> request(String topic, String key, Object payload, Duration timeout,
            Class<T> replyType) {
        try {
            ProducerRecord<String, Object> request = new ProducerRecord<>(topic, key, payload);
            ExpiredRequestFilter.setDeadline(request.headers(), Instant.now().plus(timeout));
            return this.template.sendAndReceive(request, timeout)
                    .thenApply(reply -> replyType.cast(reply.value()));
        }
        catch (RuntimeException ex) {
            return CompletableFuture.failedFuture(ex);
        }
    }

    /** Sends one record without waiting for a reply; completes when Kafka acknowledged it. */
    public CompletableFuture<?> send(String topic, String key, Object payload) {
        try {
            return this.template.send(topic, key, payload);
        }
        catch (RuntimeException ex) {
            return CompletableFuture.failedFuture(ex);
        }
    }
}
