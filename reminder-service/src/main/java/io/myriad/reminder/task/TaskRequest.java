package io.myriad.reminder.task;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A task as created or replaced through the API.
 *
 * @param title what to do, at most 200 characters
 * @param description optional, at most 2000 characters
 * @param dueAt optional, an ISO-8601 instant with offset, e.g. {@code 2026-11-25T09:00:00+01:00}
 */
public record TaskRequest(@NotBlank @Size(max = 200) String title, @Size(max = 2000) String description,
        Instant dueAt) {
}
