package io.myriad.reminder.webhook;

import java.time.Instant;

/**
 * The JSON body a webhook delivery POSTs.
 *
 * @param deliveryId the same on every attempt (also in {@code X-Myriad-Delivery}): a receiver drops a copy it has seen
 * @param reminderId the reminder
 * @param occurrence which firing of the reminder, from 1
 * @param message what to remind of
 * @param dueAt when it fell due
 * @param sentAt when this attempt was sent
 * @param late whether it went out later than the service allows
 * @param userId whose reminder it is
 */
record WebhookPayload(String deliveryId, String reminderId, int occurrence, String message, Instant dueAt,
        Instant sentAt, boolean late, String userId) {
}
