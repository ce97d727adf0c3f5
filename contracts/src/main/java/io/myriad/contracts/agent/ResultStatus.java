package io.myriad.contracts.agent;

/** How a task ended. A metric label: a closed set. */
public enum ResultStatus {
    /** The agent answered. */
    ANSWERED,
    /** The agent could not serve the task (unknown agent, knowledge unreachable, deadline passed, overloaded). */
    FAILED,
    /** No result came back before the orchestrator's deadline; set by the orchestrator, never by an agent. */
    TIMED_OUT
}
