package io.myriad.inputprocessor.query;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.myriad.contracts.query.Intent;
import io.myriad.contracts.query.ParsedQuery;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ParseMetricsTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();

    private final ParseMetrics metrics = new ParseMetrics(this.registry);

    @Test
    void registersEveryIntentAtZeroBeforeTheFirstQuery() {
        assertThat(this.registry.find("input.intents").counters())
                .extracting((counter) -> counter.getId().getTag("intent"))
                .containsExactlyInAnyOrder("define", "function", "relate", "compare", "remind", "unknown");
        assertThat(this.registry.find("input.intents").counters()).allSatisfy((counter) ->
                assertThat(counter.count()).isZero());
    }

    @Test
    void countsTheMainIntentTheConceptsAndTheUnknownPhrasesOfEachQuery() {
        this.metrics.record(() -> new ParsedQuery("q-1", Intent.DEFINE, List.of("lightbulb", "battery"),
                List.of("flux capacitor"), List.of(), null));
        this.metrics.record(() -> new ParsedQuery("q-2", Intent.DEFINE, List.of("kettle"), List.of(), List.of(),
                null));

        assertThat(intents("define")).isEqualTo(2);
        assertThat(intents("compare")).isZero();
        assertThat(this.registry.get("input.concepts.matched").counter().count()).isEqualTo(3);
        assertThat(this.registry.get("input.concepts.unknown").counter().count()).isEqualTo(1);
        assertThat(this.registry.get("input.parse.duration").timer().count()).isEqualTo(2);
    }

    @Test
    void returnsWhatTheParserReturned() {
        ParsedQuery parsed = new ParsedQuery("q-3", Intent.UNKNOWN, List.of(), List.of(), List.of(), null);

        assertThat(this.metrics.record(() -> parsed)).isSameAs(parsed);
        assertThat(intents("unknown")).isEqualTo(1);
    }

    private double intents(String intent) {
        return this.registry.get("input.intents").tag("intent", intent).counter().count();
    }
}
