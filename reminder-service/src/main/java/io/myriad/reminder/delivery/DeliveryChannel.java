package io.myriad.reminder.delivery;

import io.myriad.reminder.reminder.Channel;
import io.myriad.reminder.reminder.ChannelType;
import io.myriad.reminder.reminder.Reminder;

/** One way of delivering reminders. A bean of this type is all a new channel needs. */
public interface DeliveryChannel {

    ChannelType type();

    /** Whether this service is configured to use the channel; reminders naming an unavailable one are refused. */
    default boolean available() {
        return true;
    }

    /**
     * Sends one delivery. Returning means the channel acknowledged it; throwing means this attempt failed and may
     * be retried (with the same delivery id).
     */
    Delivery.Status deliver(Delivery delivery, Reminder reminder, Channel channel) throws Exception;
}
