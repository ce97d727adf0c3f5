package io.myriad.contracts.reminder;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;

import io.myriad.contracts.reminder.Recurrence.Frequency;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReminderRulesTest {

    private static final Instant DUE = Instant.parse("2026-11-25T09:00:00Z");

    @Test
    void acceptsAOneOffReminderWithAMessageADueTimeAndAZone() {
        assertThat(ReminderRules.violations(new ReminderSpec("replace the lightbulb", DUE, "Europe/Paris", null,
                "tomorrow at 9"))).isEmpty();
    }

    @Test
    void refusesABlankMessageAsInRemindMeTomorrowAt9() {
        assertThat(ReminderRules.violations(new ReminderSpec("", DUE, "UTC", null, "tomorrow at 9")))
                .containsExactly(new ReminderViolation("message", "must not be blank"));
        assertThat(ReminderRules.violations(new ReminderSpec(null, DUE, "UTC", null, "tomorrow at 9")))
                .extracting(ReminderViolation::field).containsExactly("message");
    }

    @Test
    void refusesAMessageLongerThanFiveHundredCharacters() {
        assertThat(ReminderRules.violations(new ReminderSpec("x".repeat(500), DUE, "UTC", null, null))).isEmpty();
        assertThat(ReminderRules.violations(new ReminderSpec("x".repeat(501), DUE, "UTC", null, null)))
                .containsExactly(new ReminderViolation("message", "must be at most 500 characters"));
    }

    @Test
    void reportsEveryViolationAtOnceFieldByField() {
        assertThat(ReminderRules.violations(new ReminderSpec(" ", null, "Mars/Olympus_Mons",
                new Recurrence(Frequency.WEEKLY, 1, List.of(), null), null)))
                .extracting(ReminderViolation::field)
                .containsExactly("message", "dueAt", "zone", "recurrence.at", "recurrence.days");
    }

    @Test
    void refusesAMissingOrUnknownZone() {
        assertThat(ReminderRules.zoneViolations(null)).extracting(ReminderViolation::field).containsExactly("zone");
        assertThat(ReminderRules.zoneViolations("Europe/Atlantis")).hasSize(1);
        assertThat(ReminderRules.zoneViolations("America/New_York")).isEmpty();
    }

    @Test
    void boundsTheIntervalOfMinutesHoursAndDaysRecurrences() {
        for (Frequency frequency : List.of(Frequency.MINUTES, Frequency.HOURS, Frequency.DAYS)) {
            assertThat(ReminderRules.recurrenceViolations(new Recurrence(frequency, 1, null, null))).isEmpty();
            assertThat(ReminderRules.recurrenceViolations(new Recurrence(frequency, 10_000, null, null))).isEmpty();
            assertThat(ReminderRules.recurrenceViolations(new Recurrence(frequency, 0, null, null)))
                    .containsExactly(new ReminderViolation("recurrence.interval", "must be between 1 and 10000"));
            assertThat(ReminderRules.recurrenceViolations(new Recurrence(frequency, 69_993, null, null)))
                    .extracting(ReminderViolation::field).containsExactly("recurrence.interval");
        }
    }

    @Test
    void needsATimeOfDayForDailyAndDaysAndATimeForWeekly() {
        assertThat(ReminderRules.recurrenceViolations(new Recurrence(Frequency.DAILY, 1, List.of(), LocalTime.of(7, 0))))
                .isEmpty();
        assertThat(ReminderRules.recurrenceViolations(new Recurrence(Frequency.DAILY, 1, List.of(), null)))
                .containsExactly(new ReminderViolation("recurrence.at", "must be a time of day such as 08:00"));
        assertThat(ReminderRules.recurrenceViolations(
                new Recurrence(Frequency.WEEKLY, 1, List.of(DayOfWeek.MONDAY), LocalTime.of(8, 0)))).isEmpty();
        assertThat(ReminderRules.recurrenceViolations(new Recurrence(Frequency.WEEKLY, 1, null, LocalTime.NOON)))
                .extracting(ReminderViolation::field).containsExactly("recurrence.days");
        assertThat(ReminderRules.recurrenceViolations(new Recurrence(null, 1, null, null)))
                .extracting(ReminderViolation::field).containsExactly("recurrence.frequency");
    }

    @Test
    void saysWhatIsWrongAsOneSentence() {
        assertThat(new ReminderViolation("message", "must not be blank")).hasToString("message must not be blank");
    }
}
