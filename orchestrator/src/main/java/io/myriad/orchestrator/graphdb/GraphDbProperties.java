package io.myriad.orchestrator.graphdb;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the graphdb-manager answers, and how long a query may wait for it.
 *
 * @param url the graphdb-manager's base URL
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer
 */
@ConfigurationProperties("myriad.graphdb")
public record GraphDbProperties(@DefaultValue("http://localhost:5008") URI url,
        @DefaultValue("500ms") Duration connectTimeout, @DefaultValue("1s") Duration readTimeout) {
}
