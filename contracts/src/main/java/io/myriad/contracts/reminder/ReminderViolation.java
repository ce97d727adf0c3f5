package io.myriad.contracts.reminder;

/**
 * One thing wrong with a reminder, as a caller may be told it: the field (in the API's JSON spelling, such as
 * {@code recurrence.interval}) and what it must be.
 *
 * @param field the field that is wrong
 * @param message what it must be, without the field's name
 */
public record ReminderViolation(String field, String message) {

    /** The field and its message as one sentence, e.g. {@code message must not be blank}. */
    @Override
    public String toString() {
        return this.field + " " + this.message;
    }
}
