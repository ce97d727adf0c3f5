package io.myriad.reminder.delivery;

import java.util.Optional;

import io.myriad.reminder.reminders.Channel;
import io.myriad.reminder.reminders.ChannelType;
import io.myriad.reminder.reminders.Reminder;

/** One way of delivering reminders. A bean of this type is all a new channel needs. */
public interface DeliveryChannel {

    ChannelType type();

    /** Whether this service is configured to use the channel; reminders naming an unavailable one are refused. */
    default boolean available() {
        return true;
    }

    /**
     * Why this channel will not take a reminder with these settings (such as a webhook URL it may not reach), or
     * empty when it will. Asked when a reminder is created or changed, so the user hears of it then as a 400.
     */
    default Optional<String> refusal(Channel channel) {
        return Optional.empty();
    }

    /**
     * Sends one delivery. Returning means the channel acknowledged it; throwing means this attempt failed and may
     * be retried (with the same delivery id).
     */
    Delivery.Status deliver(Delivery delivery, Reminder reminder, Channel channel) throws Exception;
}
