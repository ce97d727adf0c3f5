package io.myriad.graphdb.metrics;

import java.util.Locale;

/** The graph operations whose duration is measured: the {@code operation} tag of {@code graphdb.query.duration}. */
public enum Operation {
    DISCOVER, CONCEPT, NAMES, IMPORT, CREATE_AGENT, STATS;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
