package io.myriad.reminder.reminders;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import io.myriad.contracts.reminder.Recurrence;
import io.myriad.contracts.reminder.Recurrence.Frequency;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecurrencesTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void everyFewMinutesStepsFromTheLastDueTime() {
        Instant due = Instant.parse("2026-11-24T09:00:00Z");

        assertThat(Recurrences.next(new Recurrence(Frequency.MINUTES, 15, null, null), due, PARIS, due))
                .isEqualTo(Instant.parse("2026-11-24T09:15:00Z"));
    }

    @Test
    void skipsOccurrencesMissedWhileDownInsteadOfSendingThemInABurst() {
        Instant due = Instant.parse("2026-11-24T09:00:00Z");
        Instant backAt = Instant.parse("2026-11-24T11:07:00Z");

        assertThat(Recurrences.next(new Recurrence(Frequency.MINUTES, 15, null, null), due, PARIS, backAt))
                .isEqualTo(Instant.parse("2026-11-24T11:15:00Z"));
        assertThat(Recurrences.next(new Recurrence(Frequency.HOURS, 1, null, null), due, PARIS, backAt))
                .isEqualTo(Instant.parse("2026-11-24T12:00:00Z"));
    }

    @Test
    void dailyKeepsTheWallClockTimeAcrossTheSpringForwardChange() {
        Instant due = ZonedDateTime.of(2026, 3, 28, 8, 0, 0, 0, PARIS).toInstant();

        Instant next = Recurrences.next(new Recurrence(Frequency.DAILY, 1, null, LocalTime.of(8, 0)), due, PARIS, due);

        assertThat(next.atZone(PARIS)).isEqualTo(ZonedDateTime.of(2026, 3, 29, 8, 0, 0, 0, PARIS));
        assertThat(java.time.Duration.between(due, next).toHours()).isEqualTo(23);
    }

    @Test
    void everyNDaysKeepsTheWallClockTimeAcrossTheFallBackChange() {
        Instant due = ZonedDateTime.of(2026, 10, 24, 9, 30, 0, 0, PARIS).toInstant();

        Instant next = Recurrences.next(new Recurrence(Frequency.DAYS, 2, null, null), due, PARIS, due);

        assertThat(next.atZone(PARIS)).isEqualTo(ZonedDateTime.of(2026, 10, 26, 9, 30, 0, 0, PARIS));
    }

    @Test
    void weeklyGoesToTheNextNamedDay() {
        Recurrence mondaysAndThursdays = new Recurrence(Frequency.WEEKLY, 1,
                List.of(DayOfWeek.MONDAY, DayOfWeek.THURSDAY), LocalTime.of(8, 0));
        Instant tuesday = ZonedDateTime.of(2026, 11, 24, 8, 0, 0, 0, PARIS).toInstant();
        Instant thursday = ZonedDateTime.of(2026, 11, 26, 8, 0, 0, 0, PARIS).toInstant();

        assertThat(Recurrences.next(mondaysAndThursdays, tuesday, PARIS, tuesday)).isEqualTo(thursday);
        assertThat(Recurrences.next(mondaysAndThursdays, thursday, PARIS, thursday).atZone(PARIS))
                .isEqualTo(ZonedDateTime.of(2026, 11, 30, 8, 0, 0, 0, PARIS));
    }
}
