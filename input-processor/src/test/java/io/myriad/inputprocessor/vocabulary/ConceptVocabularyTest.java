package io.myriad.inputprocessor.vocabulary;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.myriad.contracts.graph.ConceptName;
import io.myriad.contracts.graph.client.GraphdbClientProperties;
import io.myriad.contracts.graph.client.GraphdbRestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

class ConceptVocabularyTest {

    private final GraphdbConceptNamesServer graphdb = GraphdbConceptNamesServer
        .start(List.of(new ConceptName("lightbulb", List.of("light bulb"))));

    private final MeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void stopGraphdb() {
        this.graphdb.close();
    }

    @Test
    void knowsNothingUntilTheFirstLoad() {
        ConceptVocabulary vocabulary = vocabularyAt(this.graphdb.url());

        assertThat(vocabulary.isLoaded()).isFalse();
        assertThat(vocabulary.current().conceptsIn("a light bulb")).isEmpty();
        assertThat(gauge()).isZero();
        assertThat(refreshes("success")).isZero();
        assertThat(refreshes("failure")).isZero();
    }

    @Test
    void loadsTheNamesGraphdbManagerServes() {
        ConceptVocabulary vocabulary = vocabularyAt(this.graphdb.url());

        boolean refreshed = vocabulary.refresh();

        assertThat(refreshed).isTrue();
        assertThat(vocabulary.isLoaded()).isTrue();
        assertThat(vocabulary.current().conceptsIn("a light bulb")).containsExactly("lightbulb");
        assertThat(gauge()).isEqualTo(1);
        assertThat(refreshes("success")).isEqualTo(1);
    }

    @Test
    void swapsInTheNewVocabularyOnEachRefresh() {
        ConceptVocabulary vocabulary = vocabularyAt(this.graphdb.url());
        vocabulary.refresh();
        Vocabulary before = vocabulary.current();

        this.graphdb.serve(List.of(new ConceptName("lightbulb", List.of()),
                new ConceptName("toaster", List.of("bread toaster"))));
        vocabulary.refresh();

        assertThat(vocabulary.current().conceptsIn("toasters and a lightbulb")).containsExactly("toaster", "lightbulb");
        assertThat(before.conceptsIn("toaster")).as("the previous index is immutable").isEmpty();
        assertThat(gauge()).isEqualTo(2);
    }

    @Test
    void keepsTheVocabularyItHasWhenGraphdbManagerFails() {
        ConceptVocabulary vocabulary = vocabularyAt(this.graphdb.url());
        vocabulary.refresh();

        this.graphdb.down(true);
        boolean refreshed = vocabulary.refresh();

        assertThat(refreshed).isFalse();
        assertThat(vocabulary.current().conceptsIn("lightbulb")).containsExactly("lightbulb");
        assertThat(refreshes("failure")).isEqualTo(1);
        assertThat(refreshes("success")).isEqualTo(1);
    }

    @Test
    void countsAFailureWhenNothingAnswers() {
        URI nobody = this.graphdb.url();
        this.graphdb.close();
        ConceptVocabulary vocabulary = vocabularyAt(nobody);

        assertThat(vocabulary.refresh()).isFalse();
        assertThat(vocabulary.isLoaded()).isFalse();
        assertThat(refreshes("failure")).isEqualTo(1);
    }

    private ConceptVocabulary vocabularyAt(URI url) {
        GraphdbClientProperties properties = GraphdbClientProperties.readOnly(url, Duration.ofSeconds(1),
                Duration.ofSeconds(2));
        return new ConceptVocabulary(
                new ConceptNamesClient(GraphdbRestClient.create(RestClient.builder(), properties)), this.registry);
    }

    private double gauge() {
        return this.registry.get("input.vocabulary.size").gauge().value();
    }

    private double refreshes(String outcome) {
        return this.registry.get("input.vocabulary.refreshes").tag("outcome", outcome).counter().count();
    }
}
