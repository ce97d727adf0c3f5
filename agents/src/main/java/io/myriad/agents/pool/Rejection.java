package io.myriad.agents.pool;

import java.util.Locale;

/** Why a task got a FAILED result instead of an answer; the {@code reason} tag of the rejections counter. */
public enum Rejection {
    /** The queue was full when the task arrived. */
    OVERLOADED,
    /** The task's deadline passed before a worker took it. */
    EXPIRED,
    /** The registry has no agent of the task's id. */
    UNKNOWN_AGENT,
    /** The graph's knowledge could not be read. */
    KNOWLEDGE_UNAVAILABLE;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
