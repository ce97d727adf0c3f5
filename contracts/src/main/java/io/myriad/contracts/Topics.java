package io.myriad.contracts;

/**
 * Every Kafka topic the fleet uses, with the service that owns (declares and consumes) it. Request topics are
 * consumed by one service; the orchestrator's reply topics by the orchestrator.
 */
public final class Topics {

    /** {@link io.myriad.contracts.query.ParseRequest} to the input-processor, which replies with a ParsedQuery. */
    public static final String QUERY_PARSE = "myriad.query.parse";

    /** {@link io.myriad.contracts.agent.AgentTask}, keyed by agent id, to the agents service. */
    public static final String AGENT_TASKS = "myriad.agent.tasks";

    /** {@link io.myriad.contracts.answer.ComposeRequest} to the output-processor, which replies with a ComposedAnswer. */
    public static final String ANSWER_COMPOSE = "myriad.answer.compose";

    /** Replies to the orchestrator's requests (parsed queries, agent results, composed answers). */
    public static final String ORCHESTRATOR_REPLIES = "myriad.orchestrator.replies";

    /** {@link io.myriad.contracts.graph.AgentCreated} events from the graphdb-manager, keyed by agent id. */
    public static final String AGENT_LIFECYCLE = "myriad.agent.lifecycle";

    /** {@link io.myriad.contracts.graph.ConceptsChanged} events from the graphdb-manager. */
    public static final String CONCEPT_CHANGES = "myriad.concept.changes";

    /** {@link io.myriad.contracts.reminder.RemindCommand} to the reminder-service, keyed by user. */
    public static final String REMINDER_COMMANDS = "myriad.reminder.commands";

    /** {@link io.myriad.contracts.audit.AuditEvent}s from the reminder-service, keyed by user. */
    public static final String AUDIT = "myriad.audit";

    private Topics() {
    }
}
