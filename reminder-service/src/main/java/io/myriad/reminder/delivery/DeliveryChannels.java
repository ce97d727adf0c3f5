package io.myriad.reminder.delivery;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.myriad.reminder.reminder.Channel;
import io.myriad.reminder.reminder.ChannelType;

import org.springframework.stereotype.Component;

/** The channels this service has, by type. */
@Component
public class DeliveryChannels {

    private final Map<ChannelType, DeliveryChannel> channels = new EnumMap<>(ChannelType.class);

    DeliveryChannels(List<DeliveryChannel> channels) {
        channels.forEach(channel -> this.channels.put(channel.type(), channel));
    }

    public boolean available(ChannelType type) {
        return get(type).map(DeliveryChannel::available).orElse(false);
    }

    /** Why the channel of {@code channel}'s type refuses its settings; empty when it takes them or is absent. */
    public Optional<String> refusal(Channel channel) {
        return get(channel.type()).flatMap(sender -> sender.refusal(channel));
    }

    public Optional<DeliveryChannel> get(ChannelType type) {
        return Optional.ofNullable(this.channels.get(type));
    }
}
