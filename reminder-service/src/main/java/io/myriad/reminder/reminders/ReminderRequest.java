package io.myriad.reminder.reminders;

import java.time.LocalDateTime;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A reminder as created or replaced through the API.
 *
 * @param message what to remind of, at most 500 characters
 * @param dueAt the (first) due time as a local date-time in {@code zone}, e.g. {@code 2026-11-25T09:00}
 * @param zone an IANA time zone, e.g. {@code Europe/Paris}
 * @param channels one to three distinct channels; {@code in_app} alone when left out
 * @param recurrence optional: {@code {"frequency":"MINUTES|HOURS|DAYS","interval":N}},
 *        {@code {"frequency":"DAILY","at":"08:00"}} or {@code {"frequency":"WEEKLY","days":["MONDAY"],"at":"08:00"}}
 */
public record ReminderRequest(@NotBlank @Size(max = 500) String message, @NotNull LocalDateTime dueAt,
        @NotBlank String zone, @Size(min = 1, max = 3) List<@Valid @NotNull Channel> channels,
        RecurrenceRequest recurrence) {
}
