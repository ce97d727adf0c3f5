package io.myriad.observability.kafka;

import java.util.Locale;

/** Why a request was skipped: the {@code reason} tag of {@code myriad.kafka.skipped.requests}. */
public enum SkipReason {

    /** Its deadline ({@link ExpiredRequestFilter#DEADLINE_HEADER}) had passed when the listener got it. */
    EXPIRED;

    /** The tag value. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
