package io.myriad.reminder.web;

/** What a user holds a bounded number of: the closed set of the {@code limit} tag of {@link LimitRefusals}. */
public enum Limit {

    REMINDERS("reminders"), TASKS("tasks"), CONNECTIONS("connections");

    private final String value;

    Limit(String value) {
        this.value = value;
    }

    public String value() {
        return this.value;
    }
}
