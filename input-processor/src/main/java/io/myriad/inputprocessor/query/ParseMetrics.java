package io.myriad.inputprocessor.query;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.myriad.contracts.query.Intent;
import io.myriad.contracts.query.ParsedQuery;
import io.myriad.observability.LatencyBuckets;

import org.springframework.stereotype.Component;

/**
 * What the parser reads, for dashboards: queries by main intent, concepts matched and phrases left unknown, and
 * how long parsing takes. Every intent's series exists from start-up, at 0.
 */
@Component
public class ParseMetrics {

    private final Map<Intent, Counter> intents = new EnumMap<>(Intent.class);

    private final Counter conceptsMatched;

    private final Counter conceptsUnknown;

    private final Timer duration;

    public ParseMetrics(MeterRegistry registry) {
        for (Intent intent : Intent.values()) {
            this.intents.put(intent, Counter.builder("input.intents")
                    .description("Parsed queries by main intent")
                    .baseUnit("intents")
                    .tag("intent", intent.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
        // No base unit on these two: Prometheus would append it to the name (input_concepts_matched_concepts_total).
        this.conceptsMatched = Counter.builder("input.concepts.matched")
                .description("Graph concepts named by parsed queries")
                .register(registry);
        this.conceptsUnknown = Counter.builder("input.concepts.unknown")
                .description("Noun phrases that parsed queries asked about and no graph concept names")
                .register(registry);
        this.duration = Timer.builder("input.parse.duration")
                .description("Time to parse a query")
                .serviceLevelObjectives(LatencyBuckets.slo())
                .register(registry);
    }

    /** Parses with {@code parsing}, timing it and counting what came out. */
    public ParsedQuery record(Supplier<ParsedQuery> parsing) {
        ParsedQuery parsed = this.duration.record(parsing);
        this.intents.get(parsed.intent()).increment();
        this.conceptsMatched.increment(parsed.concepts().size());
        this.conceptsUnknown.increment(parsed.unknownPhrases().size());
        return parsed;
    }
}
