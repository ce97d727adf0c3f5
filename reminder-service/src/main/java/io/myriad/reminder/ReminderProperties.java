package io.myriad.reminder;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the reminder-service schedules and delivers.
 *
 * @param pollInterval how often an instance claims the reminders that fell due
 * @param claimBatch how many due reminders one claim takes at most
 * @param lateAfter a delivery this long after its due time is marked late (the service was down or behind)
 * @param overdueAfter a due reminder nobody has claimed for this long counts as overdue
 * @param inflightTimeout a claimed reminder with no known owner (claimed by a version of this service that recorded
 *        none) whose delivery has not finished after this long is put back
 * @param heartbeatTtl how long an instance's heartbeat lives in Redis unrefreshed: once it is gone the instance is
 *        taken for dead and the other instances put back the reminders it had claimed
 * @param heartbeatInterval how often an instance refreshes its heartbeat and puts back the claims of instances
 *        whose heartbeat is gone; at most half of {@code heartbeat-ttl}, so that one late refresh does not make a
 *        running instance look dead
 * @param maxAttempts attempts per channel before a delivery is marked failed
 * @param initialBackoff wait before the second attempt; it doubles per attempt, with jitter
 * @param maxBackoff the longest wait between attempts
 * @param inboxSize in-app deliveries kept per user for when no connection is open
 * @param maxRemindersPerUser reminders a user may have stored, fired one-off reminders included until deleted
 * @param maxTasksPerUser tasks a user may have stored, completed ones included until deleted
 * @param maxConnectionsPerUser WebSocket connections a user may have open on one instance
 */
@Validated
@ConfigurationProperties("myriad.reminders")
public record ReminderProperties(
        @DefaultValue("250ms") @NotNull Duration pollInterval,
        @DefaultValue("100") @Min(1) @Max(1000) int claimBatch,
        @DefaultValue("30s") @NotNull Duration lateAfter,
        @DefaultValue("5s") @NotNull Duration overdueAfter,
        @DefaultValue("10m") @NotNull Duration inflightTimeout,
        @DefaultValue("15s") @NotNull Duration heartbeatTtl,
        @DefaultValue("5s") @NotNull Duration heartbeatInterval,
        @DefaultValue("5") @Min(1) @Max(20) int maxAttempts,
        @DefaultValue("1s") @NotNull Duration initialBackoff,
        @DefaultValue("30s") @NotNull Duration maxBackoff,
        @DefaultValue("1000") @Min(1) int inboxSize,
        @DefaultValue("1000") @Min(1) int maxRemindersPerUser,
        @DefaultValue("1000") @Min(1) int maxTasksPerUser,
        @DefaultValue("5") @Min(1) int maxConnectionsPerUser) {

    public ReminderProperties {
        if (heartbeatTtl != null && heartbeatInterval != null
                && (!heartbeatInterval.isPositive() || heartbeatTtl.compareTo(heartbeatInterval.multipliedBy(2)) < 0)) {
            // One refresh may be late (a slow Redis, a pause) without the instance being taken for dead.
            throw new IllegalArgumentException("heartbeat-ttl must be at least twice heartbeat-interval (positive)");
        }
    }
}
