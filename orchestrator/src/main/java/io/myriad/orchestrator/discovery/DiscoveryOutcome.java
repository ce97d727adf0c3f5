package io.myriad.orchestrator.discovery;

import java.util.Locale;

/** How a discovery call ended; the {@code status} tag of {@code orchestrator.agent.discovery}. */
public enum DiscoveryOutcome {
    FOUND, NONE, ERROR;

    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
