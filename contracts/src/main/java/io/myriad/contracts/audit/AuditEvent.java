package io.myriad.contracts.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One state change of a user's task or reminder, sent on {@link io.myriad.contracts.Topics#AUDIT} keyed by user.
 * An event may arrive more than once (a write whose acknowledgement was lost is sent again); {@code eventId} tells
 * the copies apart.
 *
 * @param eventId unique per change
 * @param action what happened: {@code created}, {@code updated}, {@code completed}, {@code deleted},
 *        {@code delivered} or {@code failed}
 * @param entity {@code task}, {@code reminder} or {@code delivery}
 * @param entityId the task's, reminder's or delivery's id
 * @param userId whose it is
 * @param at when the change was made
 * @param details a few facts about the change (a delivery's channel, whether it was late, why it failed)
 */
public record AuditEvent(String eventId, String action, String entity, String entityId, String userId, Instant at,
        Map<String, String> details) {
}
