package io.myriad.orchestrator;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the orchestrator waits at each hop of the pipeline, and how much it remembers.
 *
 * @param parseTimeout how long to wait for the input-processor's parsed query
 * @param taskDeadline how long agents have to answer their tasks, from dispatch
 * @param composeTimeout how long to wait for the output-processor's composed answer
 * @param reminderTimeout how long to wait for Kafka to acknowledge a reminder command
 * @param statsRefresh how often the active-agents gauge asks the graphdb-manager
 * @param retainedQueries how many recent query results {@code GET /api/v1/queries/{id}} can return
 * @param discoveryCacheTtl how long a discovered agent is reused for the same (concept, intent) before the
 *        graphdb-manager is asked again; 0 asks every time
 */
@ConfigurationProperties("myriad.orchestrator")
public record OrchestratorProperties(@DefaultValue("3s") Duration parseTimeout,
        @DefaultValue("2s") Duration taskDeadline, @DefaultValue("3s") Duration composeTimeout,
        @DefaultValue("3s") Duration reminderTimeout, @DefaultValue("15s") Duration statsRefresh,
        @DefaultValue("1000") int retainedQueries, @DefaultValue("5s") Duration discoveryCacheTtl) {
}
