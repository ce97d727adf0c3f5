package io.myriad.reminder.reminders;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a reminder reaches its user. The names are also the {@code channel} label of the delivery metrics. */
public enum ChannelType {

    /** Pushed to the user's open WebSocket connections, or kept in their inbox when none is open. */
    IN_APP("in_app"),

    /** An HTTP POST to the reminder's URL, signed with HMAC-SHA256. */
    WEBHOOK("webhook"),

    /** A mail to the reminder's address. */
    EMAIL("email");

    private final String value;

    ChannelType(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return this.value;
    }

    @JsonCreator
    public static ChannelType of(String value) {
        for (ChannelType type : values()) {
            if (type.value.equals(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown channel '" + value + "': in_app, webhook or email");
    }
}
