package io.myriad.testsupport;

/**
 * A running Kafka broker.
 *
 * @param bootstrapServers the value for {@code bootstrap.servers}, e.g. {@code localhost:41234}
 * @param mode how it was provided
 */
public record KafkaServer(String bootstrapServers, Mode mode) {
}
