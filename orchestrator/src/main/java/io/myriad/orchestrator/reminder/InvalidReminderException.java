package io.myriad.orchestrator.reminder;

import java.util.List;

import io.myriad.contracts.reminder.ReminderViolation;

/** A reminder the reminder-service would refuse, so no command was sent for it; says why, field by field. */
public class InvalidReminderException extends RuntimeException {

    private final List<ReminderViolation> violations;

    InvalidReminderException(List<ReminderViolation> violations) {
        super("Invalid reminder: " + violations);
        this.violations = List.copyOf(violations);
    }

    public List<ReminderViolation> violations() {
        return this.violations;
    }
}
