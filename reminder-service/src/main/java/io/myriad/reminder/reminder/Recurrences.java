package io.myriad.reminder.reminder;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import io.myriad.contracts.reminder.Recurrence;

/** Checks a recurrence and computes the occurrence that follows another, in the reminder's time zone. */
public final class Recurrences {

    private static final int MAX_INTERVAL = 10_000;

    private Recurrences() {
    }

    /** What is wrong with {@code recurrence}, field by field; empty when it is usable or absent. */
    public static List<String> problems(Recurrence recurrence) {
        List<String> problems = new ArrayList<>();
        if (recurrence == null) {
            return problems;
        }
        if (recurrence.frequency() == null) {
            problems.add("recurrence.frequency must be one of MINUTES, HOURS, DAYS, DAILY, WEEKLY");
            return problems;
        }
        switch (recurrence.frequency()) {
            case MINUTES, HOURS, DAYS -> {
                if (recurrence.interval() < 1 || recurrence.interval() > MAX_INTERVAL) {
                    problems.add("recurrence.interval must be between 1 and " + MAX_INTERVAL);
                }
            }
            case DAILY -> {
                if (recurrence.at() == null) {
                    problems.add("recurrence.at must be a time of day such as 08:00");
                }
            }
            case WEEKLY -> {
                if (recurrence.at() == null) {
                    problems.add("recurrence.at must be a time of day such as 08:00");
                }
                if (recurrence.days() == null || recurrence.days().isEmpty() || recurrence.days().contains(null)) {
                    problems.add("recurrence.days must name at least one day, such as MONDAY");
                }
            }
        }
        return problems;
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
