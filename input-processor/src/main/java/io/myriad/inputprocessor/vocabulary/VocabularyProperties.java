package io.myriad.inputprocessor.vocabulary;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the concept vocabulary is kept fresh.
 *
 * @param refreshInterval how often to reload it even without a ConceptsChanged event, as a safety net
 * @param retryInterval how soon to try again while it has never loaded (graphdb-manager not answering yet)
 */
@ConfigurationProperties("myriad.input-processor.vocabulary")
public record VocabularyProperties(@DefaultValue("60s") Duration refreshInterval,
        @DefaultValue("2s") Duration retryInterval) {
}
