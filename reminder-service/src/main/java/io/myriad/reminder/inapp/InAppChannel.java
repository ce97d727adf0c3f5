package io.myriad.reminder.inapp;

import java.time.Clock;

import io.myriad.reminder.delivery.Delivery;
import io.myriad.reminder.delivery.DeliveryChannel;
import io.myriad.reminder.reminders.Channel;
import io.myriad.reminder.reminders.ChannelType;
import io.myriad.reminder.reminders.Reminder;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Pushes a reminder to the user's open connections: those on this instance directly, those on others through the
 * {@link Relay}; with none open anywhere it goes to the user's inbox instead. Either is an acknowledgement.
 */
@Component
class InAppChannel implements DeliveryChannel {

    private final Sessions sessions;

    private final Inbox inbox;

    private final JsonMapper json;

    private final Clock clock;

    private final Relay relay;

    InAppChannel(Sessions sessions, Relay relay, Inbox inbox, JsonMapper json, Clock clock) {
        this.sessions = sessions;
        this.relay = relay;
        this.inbox = inbox;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public ChannelType type() {
        return ChannelType.IN_APP;
    }

    @Override
    public Delivery.Status deliver(Delivery delivery, Reminder reminder, Channel channel) {
        InAppMessage message = new InAppMessage("reminder", delivery.id(), reminder.id(), delivery.occurrence(),
                reminder.message(), delivery.dueAt(), this.clock.instant(), delivery.late());
        // Both, not either: a user may have connections open on this instance and on others.
        boolean local = this.sessions.send(reminder.userId(), this.json.writeValueAsString(message)) > 0;
        boolean elsewhere = this.relay.forward(reminder.userId(), message);
        if (local || elsewhere) {
            return Delivery.Status.DELIVERED;
        }
        this.inbox.put(reminder.userId(), message);
        return Delivery.Status.INBOXED;
    }
}
