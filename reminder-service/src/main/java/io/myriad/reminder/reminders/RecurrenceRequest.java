package io.myriad.reminder.reminders;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;

import io.myriad.contracts.reminder.Recurrence;

/**
 * How a reminder asked for through the API repeats; {@code interval} may be left out and is then 1.
 *
 * @param frequency MINUTES, HOURS, DAYS, DAILY or WEEKLY
 * @param interval for MINUTES, HOURS and DAYS: every how many
 * @param days for WEEKLY: on which days
 * @param at for DAILY and WEEKLY: the local time of day
 */
public record RecurrenceRequest(Recurrence.Frequency frequency, Integer interval, List<DayOfWeek> days,
        LocalTime at) {

    Recurrence toRecurrence() {
        return new Recurrence(this.frequency, (this.interval != null) ? this.interval : 1, this.days, this.at);
    }

    static Recurrence toRecurrence(RecurrenceRequest request) {
        return (request != null) ? request.toRecurrence() : null;
    }
}
