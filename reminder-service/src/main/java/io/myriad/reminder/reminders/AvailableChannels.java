package io.myriad.reminder.reminders;

import java.util.Optional;

/**
 * The channels this service can deliver by, as a new reminder is checked against them. Declared here, where
 * reminders are taken in, so that this package does not import delivery, which reads reminders to fire them.
 */
public interface AvailableChannels {

    /** Whether a channel of this type is configured here. */
    boolean available(ChannelType type);

    /** Why the channel of {@code channel}'s type refuses its settings; empty when it takes them or is absent. */
    Optional<String> refusal(Channel channel);
}
