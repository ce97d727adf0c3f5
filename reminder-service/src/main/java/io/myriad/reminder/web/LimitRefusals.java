package io.myriad.reminder.web;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/** Counts what a per-user limit refused, by limit only: the user is never a tag. */
@Component
public class LimitRefusals {

    private final Map<Limit, Counter> refused = new EnumMap<>(Limit.class);

    LimitRefusals(MeterRegistry registry) {
        for (Limit limit : Limit.values()) {
            this.refused.put(limit, Counter.builder("reminder.limits.refused")
                    .description("Creates and WebSocket connections refused because their user was at a per-user limit")
                    .baseUnit("requests")
                    .tag("limit", limit.value())
                    .register(registry));
        }
    }

    public void refused(Limit limit) {
        this.refused.get(limit).increment();
    }
}
