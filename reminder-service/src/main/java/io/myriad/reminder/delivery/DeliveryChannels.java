package io.myriad.reminder.delivery;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.myriad.reminder.reminders.AvailableChannels;
import io.myriad.reminder.reminders.Channel;
import io.myriad.reminder.reminders.ChannelType;

import org.springframework.stereotype.Component;

/** The channels this service has, by type. */
@Component
public class DeliveryChannels implements AvailableChannels {

    private final Map<ChannelType, DeliveryChannel> channels = new EnumMap<>(ChannelType.class);

    DeliveryChannels(List<DeliveryChannel> channels) {
        channels.forEach(channel -> this.channels.put(channel.type(), channel));
    }

    @Override
    public boolean available(ChannelType type) {
        return get(type).map(DeliveryChannel::available).orElse(false);
    }

    @Override
    public Optional<String> refusal(Channel channel) {
        return get(channel.type()).flatMap(sender -> sender.refusal(channel));
    }

    public Optional<DeliveryChannel> get(ChannelType type) {
        return Optional.ofNullable(this.channels.get(type));
    }
}
