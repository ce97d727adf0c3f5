package io.myriad.inputprocessor.vocabulary;

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
import static org.awaitility.Awaitility.await;

class VocabularyRefresherTest {

    private final GraphdbConceptNamesServer graphdb = GraphdbConceptNamesServer
        .start(List.of(new ConceptName("lightbulb", List.of())));

    private final MeterRegistry registry = new SimpleMeterRegistry();

    private final ConceptVocabulary vocabulary = new ConceptVocabulary(new ConceptNamesClient(GraphdbRestClient.create(
            RestClient.builder(), GraphdbClientProperties.readOnly(this.graphdb.url(), Duration.ofSeconds(10),
                    Duration.ofSeconds(10)))), this.registry);

    private VocabularyRefresher refresher;

    @AfterEach
    void stop() {
        if (this.refresher != null) {
            this.refresher.stop();
        }
        this.graphdb.close();
    }

    @Test
    void keepsRetryingInTheBackgroundUntilGraphdbManagerAnswers() {
        this.graphdb.down(true);
        this.refresher = new VocabularyRefresher(this.vocabulary,
                new VocabularyProperties(Duration.ofHours(1), Duration.ofMillis(50)));

        this.refresher.start();

        assertThat(this.refresher.isRunning()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> failures() >= 2);
        assertThat(this.vocabulary.isLoaded()).isFalse();

        this.graphdb.down(false);

        await().atMost(Duration.ofSeconds(10)).until(this.vocabulary::isLoaded);
        assertThat(this.vocabulary.current().conceptsIn("lightbulbs")).containsExactly("lightbulb");
    }

    @Test
    void keepsRetryingWhileGraphdbManagerKnowsNoConceptYet() {
        // given a graphdb-manager that answers before its seed is written
        this.graphdb.serve(List.of());
        this.refresher = new VocabularyRefresher(this.vocabulary,
                new VocabularyProperties(Duration.ofHours(1), Duration.ofMillis(50)));

        this.refresher.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> successes() >= 2);

        // when the seed lands, the next retry picks it up without waiting for the hourly reload
        this.graphdb.serve(List.of(new ConceptName("lightbulb", List.of())));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> assertThat(this.vocabulary.current().conceptsIn("lightbulbs")).containsExactly("lightbulb"));
    }

    @Test
    void reloadsEveryRefreshIntervalOnceLoaded() {
        // given a loaded vocabulary, and a refresher whose retries are an hour apart: only its refresh interval can
        // reload it within the test, and a reload that fails on a busy machine leaves it loaded, so the next one
        // still comes a refresh interval later
        await().atMost(Duration.ofSeconds(30)).until(this.vocabulary::refresh);
        this.refresher = new VocabularyRefresher(this.vocabulary,
                new VocabularyProperties(Duration.ofMillis(100), Duration.ofHours(1)));
        this.refresher.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> successes() + failures() >= 2);

        // when graphdb-manager learns a concept, with no event to say so
        this.graphdb.serve(List.of(new ConceptName("lightbulb", List.of()), new ConceptName("toaster", List.of())));

        // then a scheduled reload picks it up
        await().atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(this.vocabulary.current().conceptsIn("toaster")).containsExactly("toaster"));
    }

    @Test
    void stopsReloadingWhenStopped() {
        this.refresher = new VocabularyRefresher(this.vocabulary,
                new VocabularyProperties(Duration.ofMillis(50), Duration.ofMillis(50)));
        this.refresher.start();
        await().atMost(Duration.ofSeconds(10)).until(this.vocabulary::isLoaded);

        this.refresher.stop();
        double reloads = successes();

        assertThat(this.refresher.isRunning()).isFalse();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(10)).until(() -> successes() == reloads);
    }

    private double failures() {
        return this.registry.get("input.vocabulary.refreshes").tag("outcome", "failure").counter().count();
    }

    private double successes() {
        return this.registry.get("input.vocabulary.refreshes").tag("outcome", "success").counter().count();
    }
}
