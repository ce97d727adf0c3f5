package io.myriad.observability.kafka;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the fleet's Kafka topics are declared and what a consumer does with a record it cannot process.
 *
 * @param enabled whether the starter declares topics, dead-letters records that keep failing and skips expired
 *        requests; off, the service's listeners run with Spring Kafka's own error handling
 * @param topic replication of every topic a service declares through {@link KafkaTopics}
 * @param deadLetter retries and dead-letter topics of every listener container built from Boot's factory
 * @param requests what a request/reply consumer does with a request nobody waits for any more
 */
@ConfigurationProperties("myriad.kafka")
public record MyriadKafkaProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue Topic topic,
        @DefaultValue DeadLetter deadLetter,
        @DefaultValue Requests requests) {

    /**
     * @param replicas replication factor of each declared topic; 1 locally, 3 in deployments
     * @param minInsyncReplicas the topics' {@code min.insync.replicas}; 1 locally, 2 in deployments
     */
    public record Topic(
            @DefaultValue("1") short replicas,
            @DefaultValue("1") int minInsyncReplicas) {
    }

    /**
     * @param enabled whether a record that keeps failing goes to {@code <topic>.DLT} after the retries
     * @param maxRetries deliveries after the first before a failing record is dead-lettered
     * @param initialInterval wait before the first retry
     * @param multiplier factor by which each further wait grows
     * @param maxInterval longest wait between two retries
     * @param validationExceptions exceptions (besides Spring's own argument validation failure) that mean the record
     *        itself is invalid, so it is dead-lettered at once, with reason {@code validation}
     */
    public record DeadLetter(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("3") int maxRetries,
            @DefaultValue("500ms") Duration initialInterval,
            @DefaultValue("2") double multiplier,
            @DefaultValue("5s") Duration maxInterval,
            @DefaultValue List<Class<? extends Throwable>> validationExceptions) {
    }

    /**
     * @param skipExpired whether a listener skips a request whose {@code myriad_deadline} header has passed
     */
    public record Requests(@DefaultValue("true") boolean skipExpired) {
    }
}
