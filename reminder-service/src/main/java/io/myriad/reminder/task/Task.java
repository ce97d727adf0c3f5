package io.myriad.reminder.task;

import java.time.Instant;

/**
 * A user's to-do item.
 *
 * @param id its id
 * @param userId whose it is
 * @param title what to do
 * @param description more about it, or {@code null}
 * @param dueAt when it should be done, or {@code null}
 * @param status open or completed
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param completedAt when it was completed, or {@code null}
 */
public record Task(String id, String userId, String title, String description, Instant dueAt, Status status,
        Instant createdAt, Instant updatedAt, Instant completedAt) {

    /** Where a task stands. */
    public enum Status {
        OPEN, COMPLETED
    }

    Task edited(TaskRequest request, Instant now) {
        return new Task(this.id, this.userId, request.title(), request.description(), request.dueAt(), this.status,
                this.createdAt, now, this.completedAt);
    }

    Task completed(Instant now) {
        return new Task(this.id, this.userId, this.title, this.description, this.dueAt, Status.COMPLETED,
                this.createdAt, now, (this.completedAt != null) ? this.completedAt : now);
    }
}
