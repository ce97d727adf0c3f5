package io.myriad.reminder.schedule;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Future;

/**
 * What the claim loop hands its claims to. Declared here, on the claiming side, so that the schedule does not import
 * delivery: delivery imports the schedule (it ends claims through {@link DueQueue}), and implements this.
 */
public interface Firing {

    /** Starts firing a claimed reminder; the future ends when its claim has ended. */
    Future<?> fire(String reminderId);

    /** Ready to fire again after {@link #shutdownNow()}: a stopped application context may be started again. */
    void start();

    /** Stops firing: firings in progress are interrupted, their claims for the caller to give back. */
    void shutdownNow();

    /** When the reminder is due, to give its claim back at; empty when it no longer exists. */
    Optional<Instant> dueAt(String reminderId);
}
