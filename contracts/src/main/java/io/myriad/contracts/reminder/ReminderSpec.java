package io.myriad.contracts.reminder;

import java.time.Instant;

/**
 * A reminder as read from a question.
 *
 * @param message what to remind of, e.g. {@code replace the lightbulb}
 * @param dueAt the first occurrence
 * @param zone the time zone the expression was read in
 * @param recurrence how it repeats, or {@code null} for once
 * @param expression the time expression as written, e.g. {@code tomorrow at 9}
 */
public record ReminderSpec(String message, Instant dueAt, String zone, Recurrence recurrence, String expression) {
}
