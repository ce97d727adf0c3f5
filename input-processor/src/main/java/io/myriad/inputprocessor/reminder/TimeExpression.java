package io.myriad.inputprocessor.reminder;

import java.time.Instant;

import io.myriad.contracts.reminder.Recurrence;

/**
 * A time expression found in a text and what it resolves to.
 *
 * @param start where it starts in the text
 * @param end where it ends in the text (exclusive)
 * @param dueAt the first occurrence
 * @param recurrence how it repeats, or {@code null} for once
 */
record TimeExpression(int start, int end, Instant dueAt, Recurrence recurrence) {
}
