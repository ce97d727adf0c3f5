package io.myriad.reminder.inapp;

import java.time.Instant;

/**
 * What an in-app delivery carries, on the WebSocket and in the inbox alike.
 *
 * @param type always {@code reminder}
 * @param deliveryId the same on every attempt: a client drops a copy it has seen
 * @param reminderId the reminder
 * @param occurrence which firing, from 1
 * @param message what to remind of
 * @param dueAt when it fell due
 * @param sentAt when it was sent
 * @param late whether it went out later than the service allows
 */
public record InAppMessage(String type, String deliveryId, String reminderId, int occurrence, String message,
        Instant dueAt, Instant sentAt, boolean late) {
}
