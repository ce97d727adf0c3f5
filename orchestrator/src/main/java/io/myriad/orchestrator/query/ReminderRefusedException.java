package io.myriad.orchestrator.query;

import java.util.List;

import io.myriad.contracts.reminder.ReminderViolation;

/** A question asking for a reminder that cannot be set; the query is kept, as rejected, with its id. */
class ReminderRefusedException extends RuntimeException {

    private final QueryAnswer answer;

    private final List<ReminderViolation> violations;

    ReminderRefusedException(QueryAnswer answer, List<ReminderViolation> violations) {
        super("Reminder refused: " + violations);
        this.answer = answer;
        this.violations = List.copyOf(violations);
    }

    QueryAnswer answer() {
        return this.answer;
    }

    List<ReminderViolation> violations() {
        return this.violations;
    }
}
