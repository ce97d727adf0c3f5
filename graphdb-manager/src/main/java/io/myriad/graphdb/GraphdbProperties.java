package io.myriad.graphdb;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the knowledge graph and agent registry.
 *
 * @param seedResource the seed concepts loaded (idempotently) at start
 * @param seedEnabled whether the seed is loaded at start
 * @param createdAgentWeight the HANDLES weight of agents created through the API with an origin other than
 * {@code seed}, below the seed specialists' 1.0 so that a specialist is discovered first
 * @param publishTimeout how long a request waits for Kafka to acknowledge the event it publishes
 * @param gaugeRefresh how often the concept and agent gauges are recounted (they are also recounted after writes)
 * @param maxImportSize the largest batch {@code POST /api/v1/concepts} accepts
 */
@ConfigurationProperties("myriad.graphdb")
public record GraphdbProperties(
        @DefaultValue("classpath:seed/concepts.json") String seedResource,
        @DefaultValue("true") boolean seedEnabled,
        @DefaultValue("0.5") double createdAgentWeight,
        @DefaultValue("5s") Duration publishTimeout,
        @DefaultValue("15s") Duration gaugeRefresh,
        @DefaultValue("500") int maxImportSize) {
}
