package io.myriad.graphdb.agent;

import java.util.Locale;
import java.util.Optional;

/** Where an agent came from: the {@code origin} property and metric tag, a closed set. */
public enum AgentOrigin {
    SEED, NEUROGENESIS;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AgentOrigin> of(String value) {
        for (AgentOrigin origin : values()) {
            if (origin.value().equals(value)) {
                return Optional.of(origin);
            }
        }
        return Optional.empty();
    }
}
