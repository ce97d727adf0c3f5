package io.myriad.reminder.reminders;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.myriad.contracts.reminder.Recurrence;

/**
 * A user's reminder as stored.
 *
 * @param id its id
 * @param userId whose it is
 * @param message what to remind of
 * @param dueAt the next (or only) time it falls due
 * @param zone the time zone its times are read in, e.g. {@code Europe/Paris}
 * @param channels how it is delivered
 * @param recurrence how it repeats, or {@code null}
 * @param state scheduled, delivered or failed
 * @param occurrences how many times it has fired
 * @param origin {@code api} or {@code query} (asked for in a question, through the orchestrator)
 * @param trace the W3C trace context of the request that created it, so its deliveries join that trace
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param lastFiredAt when it last fired, or {@code null}
 */
public record Reminder(String id, String userId, String message, Instant dueAt, String zone, List<Channel> channels,
        Recurrence recurrence, State state, int occurrences, String origin, Map<String, String> trace,
        Instant createdAt, Instant updatedAt, Instant lastFiredAt) {

    /** Where a reminder stands. A recurring reminder stays scheduled. */
    public enum State {
        SCHEDULED, DELIVERED, FAILED
    }

    public Reminder fired(Instant firedAt, Instant nextDueAt, boolean anyDelivered) {
        State next = (nextDueAt != null) ? State.SCHEDULED : anyDelivered ? State.DELIVERED : State.FAILED;
        return new Reminder(this.id, this.userId, this.message, (nextDueAt != null) ? nextDueAt : this.dueAt,
                this.zone, this.channels, this.recurrence, next, this.occurrences + 1, this.origin, this.trace,
                this.createdAt, firedAt, firedAt);
    }
}
