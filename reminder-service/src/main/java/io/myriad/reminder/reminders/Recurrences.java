package io.myriad.reminder.reminders;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import io.myriad.contracts.reminder.Recurrence;

/**
 * Computes the occurrence that follows another, in the reminder's time zone. What a recurrence must be is
 * {@link io.myriad.contracts.reminder.ReminderRules}'s.
 */
public final class Recurrences {

    private Recurrences() {
    }

    /**
     * The first occurrence after {@code previous} that is also after {@code notBefore}: occurrences missed while
     * the service was down are skipped, not delivered in a burst.
     */
    public static Instant next(Recurrence recurrence, Instant previous, ZoneId zone, Instant notBefore) {
        ZonedDateTime current = previous.atZone(zone);
        ZonedDateTime next = step(recurrence, current);
        if (!next.toInstant().isAfter(notBefore) && isFixedStep(recurrence)) {
            // Jump over the missed ones arithmetically rather than one by one.
            Duration step = Duration.between(current, next);
            long missed = Duration.between(next.toInstant(), notBefore).toMillis() / step.toMillis();
            next = next.plus(step.multipliedBy(missed));
        }
        while (!next.toInstant().isAfter(notBefore)) {
            next = step(recurrence, next);
        }
        return next.toInstant();
    }

    private static boolean isFixedStep(Recurrence recurrence) {
        return recurrence.frequency() == Recurrence.Frequency.MINUTES
                || recurrence.frequency() == Recurrence.Frequency.HOURS;
    }

    private static ZonedDateTime step(Recurrence recurrence, ZonedDateTime from) {
        return switch (recurrence.frequency()) {
            case MINUTES -> from.plusMinutes(recurrence.interval());
            case HOURS -> from.plusHours(recurrence.interval());
            // plusDays keeps the wall-clock time across a DST change, as a person means "every 2 days".
            case DAYS -> from.plusDays(recurrence.interval());
            case DAILY -> atTimeOn(from.toLocalDate(), recurrence, from);
            case WEEKLY -> {
                for (int day = 0; day <= 7; day++) {
                    LocalDate date = from.toLocalDate().plusDays(day);
                    if (recurrence.days().contains(date.getDayOfWeek())) {
                        ZonedDateTime candidate = date.atTime(recurrence.at()).atZone(from.getZone());
                        if (candidate.isAfter(from)) {
                            yield candidate;
                        }
                    }
                }
                throw new IllegalStateException("No weekly occurrence within 8 days of " + from);
            }
        };
    }

    private static ZonedDateTime atTimeOn(LocalDate date, Recurrence recurrence, ZonedDateTime after) {
        ZonedDateTime candidate = date.atTime(recurrence.at()).atZone(after.getZone());
        return candidate.isAfter(after) ? candidate : date.plusDays(1).atTime(recurrence.at()).atZone(after.getZone());
    }
}
