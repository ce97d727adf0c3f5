package io.myriad.agents.knowledge;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the agents keep what the graph knows of a concept.
 *
 * @param cacheTtl how long a concept's knowledge stays in Redis (changes evict it sooner)
 */
@ConfigurationProperties("myriad.agents.knowledge")
public record KnowledgeProperties(@DefaultValue("10m") Duration cacheTtl) {
}
