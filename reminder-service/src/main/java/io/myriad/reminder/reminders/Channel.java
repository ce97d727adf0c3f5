package io.myriad.reminder.reminders;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * One way a reminder is delivered.
 *
 * @param type in_app, webhook or email
 * @param url for a webhook: the absolute http(s) URL to POST to
 * @param address for email: where to send it
 */
public record Channel(@NotNull ChannelType type, @Size(max = 2000) String url, @Size(max = 320) String address) {

    public static Channel inApp() {
        return new Channel(ChannelType.IN_APP, null, null);
    }
}
