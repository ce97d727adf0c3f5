package io.myriad.contracts.reminder;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one set of rules a reminder must meet to be scheduled, shared by whoever accepts one (the orchestrator, for a
 * reminder asked for in a question) and whoever schedules it (the reminder-service, through its API or a
 * {@link RemindCommand}), so that what one side accepts the other never drops. It reports every violation, field by
 * field, rather than throwing at the first. Rules that depend on the clock or on the service's configuration (a due
 * time in the past, the channels configured) stay with the reminder-service.
 */
public final class ReminderRules {

    /** The longest message, in chars: a reminder is a line, not a document. */
    public static final int MAX_MESSAGE_LENGTH = 500;

    /** The largest interval of a MINUTES, HOURS or DAYS recurrence. */
    public static final int MAX_INTERVAL = 10_000;

    private ReminderRules() {
    }

    /** What is wrong with {@code reminder}; empty when it can be scheduled. */
    public static List<ReminderViolation> violations(ReminderSpec reminder) {
        List<ReminderViolation> violations = new ArrayList<>();
        if (reminder == null) {
            violations.add(new ReminderViolation("reminder", "must be given"));
            return violations;
        }
        violations.addAll(messageViolations(reminder.message()));
        if (reminder.dueAt() == null) {
            violations.add(new ReminderViolation("dueAt", "must be given"));
        }
        violations.addAll(zoneViolations(reminder.zone()));
        violations.addAll(recurrenceViolations(reminder.recurrence()));
        return violations;
    }

    /** What is wrong with a reminder's message: blank, or longer than {@link #MAX_MESSAGE_LENGTH}. */
    public static List<ReminderViolation> messageViolations(String message) {
        if (message == null || message.isBlank()) {
            return List.of(new ReminderViolation("message", "must not be blank"));
        }
        if (message.length() > MAX_MESSAGE_LENGTH) {
            return List.of(new ReminderViolation("message", "must be at most " + MAX_MESSAGE_LENGTH + " characters"));
        }
        return List.of();
    }

    /** What is wrong with a reminder's zone: absent, or not a time zone id such as {@code Europe/Paris}. */
    public static List<ReminderViolation> zoneViolations(String zone) {
        if (zone == null || zone.isBlank()) {
            return List.of(zoneViolation());
        }
        try {
            ZoneId.of(zone);
            return List.of();
        }
        catch (DateTimeException ex) {
            return List.of(zoneViolation());
        }
    }

    private static ReminderViolation zoneViolation() {
        return new ReminderViolation("zone", "must be an IANA time zone such as Europe/Paris");
    }

    /**
     * What is wrong with how a reminder repeats; empty when it does not repeat. MINUTES, HOURS and DAYS need an
     * interval from 1 to {@link #MAX_INTERVAL}; DAILY needs a time of day; WEEKLY a time of day and at least one day.
     */
    public static List<ReminderViolation> recurrenceViolations(Recurrence recurrence) {
        List<ReminderViolation> violations = new ArrayList<>();
        if (recurrence == null) {
            return violations;
        }
        if (recurrence.frequency() == null) {
            violations.add(new ReminderViolation("recurrence.frequency",
                    "must be one of MINUTES, HOURS, DAYS, DAILY, WEEKLY"));
            return violations;
        }
        switch (recurrence.frequency()) {
            case MINUTES, HOURS, DAYS -> {
                if (recurrence.interval() < 1 || recurrence.interval() > MAX_INTERVAL) {
                    violations.add(new ReminderViolation("recurrence.interval",
                            "must be between 1 and " + MAX_INTERVAL));
                }
            }
            case DAILY -> {
                if (recurrence.at() == null) {
                    violations.add(atViolation());
                }
            }
            case WEEKLY -> {
                if (recurrence.at() == null) {
                    violations.add(atViolation());
                }
                // Not days().contains(null): an immutable list throws on it.
                if (recurrence.days() == null || recurrence.days().isEmpty()
                        || recurrence.days().stream().anyMatch(Objects::isNull)) {
                    violations.add(new ReminderViolation("recurrence.days",
                            "must name at least one day, such as MONDAY"));
                }
            }
        }
        return violations;
    }

    private static ReminderViolation atViolation() {
        return new ReminderViolation("recurrence.at", "must be a time of day such as 08:00");
    }
}
