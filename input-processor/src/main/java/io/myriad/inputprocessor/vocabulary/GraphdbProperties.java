package io.myriad.inputprocessor.vocabulary;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How to reach graphdb-manager.
 *
 * @param url the base URL of graphdb-manager
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer
 */
@ConfigurationProperties("myriad.graphdb")
public record GraphdbProperties(@DefaultValue("http://localhost:5008") URI url,
        @DefaultValue("1s") Duration connectTimeout, @DefaultValue("2s") Duration readTimeout) {
}
