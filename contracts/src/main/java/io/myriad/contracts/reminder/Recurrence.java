package io.myriad.contracts.reminder;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;

/**
 * How a reminder repeats.
 *
 * @param frequency the kind of repetition
 * @param interval for {@code MINUTES}, {@code HOURS}, {@code DAYS}: every how many; otherwise 1
 * @param days for {@code WEEKLY}: on which days
 * @param at for {@code DAILY} and {@code WEEKLY}: the local time of day
 */
public record Recurrence(Frequency frequency, int interval, List<DayOfWeek> days, LocalTime at) {

    /** The kinds of repetition. */
    public enum Frequency {
        MINUTES, HOURS, DAYS, DAILY, WEEKLY
    }
}
