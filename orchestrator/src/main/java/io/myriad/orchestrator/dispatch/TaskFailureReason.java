package io.myriad.orchestrator.dispatch;

/** The {@code reason} tag of {@code orchestrator.task.failure}. */
enum TaskFailureReason {
    FAILED("failed"), TIMED_OUT("timed_out");

    private final String tag;

    TaskFailureReason(String tag) {
        this.tag = tag;
    }

    String tag() {
        return this.tag;
    }
}
