package io.myriad.orchestrator.query;

import java.util.Locale;

/** How a query ended; the {@code status} tag of {@code orchestrator.queries} and the answer's status. */
enum QueryStatus {
    ANSWERED, PARTIAL, REMINDER, FAILED,
    /** Refused at the edge (bad input): counted, never answered. */
    REJECTED;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
