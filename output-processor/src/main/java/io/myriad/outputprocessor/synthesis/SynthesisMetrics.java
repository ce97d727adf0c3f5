package io.myriad.outputprocessor.synthesis;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.myriad.contracts.answer.ComposedAnswer;
import io.myriad.contracts.answer.Format;
import io.myriad.observability.LatencyBuckets;

import org.springframework.stereotype.Component;

/**
 * What an operator sees of answer synthesis: {@code output_synthesis_total{format}},
 * {@code output_synthesis_duration_seconds{format}} (SLO buckets), {@code output_answers_partial_total} and
 * {@code output_contributions} (contributions per answer). Every format's series exist from start-up, at 0.
 */
@Component
public class SynthesisMetrics {

    private final Map<Format, Counter> syntheses = new EnumMap<>(Format.class);

    private final Map<Format, Timer> durations = new EnumMap<>(Format.class);

    private final Counter partialAnswers;

    private final DistributionSummary contributions;

    public SynthesisMetrics(MeterRegistry registry) {
        for (Format format : Format.values()) {
            String tag = format.name().toLowerCase(Locale.ROOT);
            // A counter's base unit is appended to its Prometheus name unless the name already ends with it, so
            // the unit here is the name's last word: the series stay output_synthesis_total and so on.
            this.syntheses.put(format, Counter.builder("output.synthesis")
                    .description("Answers composed, by the format they were rendered in")
                    .baseUnit("synthesis")
                    .tag("format", tag)
                    .register(registry));
            this.durations.put(format, Timer.builder("output.synthesis.duration")
                    .description("Time to compose and render one answer, by format")
                    .tag("format", tag)
                    .serviceLevelObjectives(LatencyBuckets.slo())
                    .register(registry));
        }
        this.partialAnswers = Counter.builder("output.answers.partial")
                .description("Answers that lack a part because an agent failed or did not answer in time")
                .baseUnit("partial")
                .register(registry);
        this.contributions = DistributionSummary.builder("output.contributions")
                .description("Contributions per answer: agents' answers and the parts they failed to give")
                .baseUnit("contributions")
                .serviceLevelObjectives(1, 2, 3, 4, 6, 8, 12)
                .register(registry);
    }

    void recorded(Format format, ComposedAnswer answer, Duration took) {
        this.syntheses.get(format).increment();
        this.durations.get(format).record(took);
        if (answer.partial()) {
            this.partialAnswers.increment();
        }
        this.contributions.record(answer.contributions().size());
    }
}
