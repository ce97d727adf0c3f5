package io.myriad.reminder.delivery;

import java.time.Instant;

import io.myriad.reminder.reminders.ChannelType;

/**
 * One occurrence of a reminder sent by one channel. Its id is the same on every attempt, so a receiver can drop a
 * copy it has seen (a webhook's {@code X-Myriad-Delivery}, an in-app message's {@code deliveryId}).
 *
 * @param id {@code <reminder id>-<occurrence>-<channel>}
 * @param reminderId the reminder
 * @param userId whose it is
 * @param channel how it is sent
 * @param occurrence which firing of the reminder, from 1
 * @param dueAt when it fell due
 * @param status pending, delivered, inboxed or failed
 * @param attempts attempts made so far
 * @param lastError why the last attempt failed, or {@code null}
 * @param late whether it went out later than the service allows (it was down or behind)
 * @param deliveredAt when the channel acknowledged it, or {@code null}
 * @param updatedAt when this record last changed
 */
public record Delivery(String id, String reminderId, String userId, ChannelType channel, int occurrence,
        Instant dueAt, Status status, int attempts, String lastError, boolean late, Instant deliveredAt,
        Instant updatedAt) {

    /** Where a delivery stands. Delivered and inboxed are acknowledged: nothing sends it again. */
    public enum Status {
        PENDING, DELIVERED, INBOXED, FAILED;

        public boolean acknowledged() {
            return this == DELIVERED || this == INBOXED;
        }
    }

    public static String id(String reminderId, int occurrence, ChannelType channel) {
        return reminderId + "-" + occurrence + "-" + channel.value();
    }

    Delivery attempted(int attempts, String error, Instant now) {
        return new Delivery(this.id, this.reminderId, this.userId, this.channel, this.occurrence, this.dueAt,
                Status.PENDING, attempts, error, this.late, null, now);
    }

    Delivery acknowledged(Status status, int attempts, Instant now) {
        return new Delivery(this.id, this.reminderId, this.userId, this.channel, this.occurrence, this.dueAt, status,
                attempts, this.lastError, this.late, now, now);
    }

    Delivery failed(int attempts, String error, Instant now) {
        return new Delivery(this.id, this.reminderId, this.userId, this.channel, this.occurrence, this.dueAt,
                Status.FAILED, attempts, error, this.late, null, now);
    }
}
