package io.myriad.inputprocessor.reminder;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import io.myriad.contracts.reminder.Recurrence;
import io.myriad.contracts.reminder.Recurrence.Frequency;
import io.myriad.contracts.reminder.ReminderSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ReminderReaderTest {

    private static final ZoneId UTC = ZoneId.of("UTC");

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    /** A Wednesday, 10:00 in Paris, 04:00 in New York, 17:00 in Tokyo. */
    private static final Instant WEDNESDAY = Instant.parse("2026-06-10T08:00:00Z");

    private final ReminderReader reader = new ReminderReader();

    @Test
    void readsWhatToRemindAndWhenInTheCallersZone() {
        ReminderSpec spec = read("remind me to replace the lightbulb tomorrow at 9", PARIS, WEDNESDAY);

        assertThat(spec.message()).isEqualTo("replace the lightbulb");
        assertThat(spec.expression()).isEqualTo("tomorrow at 9");
        assertThat(spec.zone()).isEqualTo("Europe/Paris");
        assertThat(spec.dueAt()).isEqualTo(Instant.parse("2026-06-11T07:00:00Z"));
        assertThat(spec.recurrence()).isNull();
    }

    @ParameterizedTest(name = "\"{0}\" in {1} is due at {2}")
    @CsvSource(delimiter = '|', textBlock = """
            remind me to replace the lightbulb tomorrow at 9  | UTC              | 2026-06-11T09:00:00Z
            remind me to replace the lightbulb tomorrow at 9  | America/New_York | 2026-06-11T13:00:00Z
            remind me to replace the lightbulb tomorrow at 9  | Asia/Tokyo       | 2026-06-11T00:00:00Z
            remind me to stretch in 10 minutes                | Europe/Paris     | 2026-06-10T08:10:00Z
            remind me to stretch in 2 hours                   | Europe/Paris     | 2026-06-10T10:00:00Z
            remind me to stretch in an hour                   | Europe/Paris     | 2026-06-10T09:00:00Z
            remind me to stretch in half an hour              | Europe/Paris     | 2026-06-10T08:30:00Z
            remind me to water the plants in 3 days           | Europe/Paris     | 2026-06-13T08:00:00Z
            remind me to call Ana at 17:30                    | Europe/Paris     | 2026-06-10T15:30:00Z
            remind me to call Ana at 5pm                      | Europe/Paris     | 2026-06-10T15:00:00Z
            remind me to call Ana at 5:15 p.m.                | Europe/Paris     | 2026-06-10T15:15:00Z
            remind me to call Ana at 9                        | Europe/Paris     | 2026-06-11T07:00:00Z
            remind me to call Ana at 10                       | Europe/Paris     | 2026-06-11T08:00:00Z
            remind me to call Ana at 9                        | America/New_York | 2026-06-10T13:00:00Z
            remind me to call Ana at noon                     | Europe/Paris     | 2026-06-10T10:00:00Z
            remind me to call Ana at midnight                 | Europe/Paris     | 2026-06-10T22:00:00Z
            remind me to call Ana today at 18:00              | Europe/Paris     | 2026-06-10T16:00:00Z
            remind me to call Ana tonight at 8                | Europe/Paris     | 2026-06-10T18:00:00Z
            remind me to call Ana at 8 tomorrow               | Europe/Paris     | 2026-06-11T06:00:00Z
            remind me to call Ana tomorrow                    | Europe/Paris     | 2026-06-11T07:00:00Z
            remind me to call Ana the day after tomorrow at 7 | UTC              | 2026-06-12T07:00:00Z
            remind me about the meeting on Friday at 10       | Europe/Paris     | 2026-06-12T08:00:00Z
            remind me about the meeting on Wednesday at 11    | Europe/Paris     | 2026-06-10T09:00:00Z
            remind me about the meeting on Wednesday at 9     | Europe/Paris     | 2026-06-17T07:00:00Z
            remind me about the meeting next Wednesday at 11  | Europe/Paris     | 2026-06-17T09:00:00Z
            remind me about the meeting Monday at 8am         | Europe/Paris     | 2026-06-15T06:00:00Z
            remind me about the meeting at 10 on Friday       | Europe/Paris     | 2026-06-12T08:00:00Z
            remind me about the meeting on Friday             | Europe/Paris     | 2026-06-12T07:00:00Z
            """)
    void resolvesOneOffTimesInTheCallersZone(String text, String zone, Instant dueAt) {
        ReminderSpec spec = read(text, ZoneId.of(zone), WEDNESDAY);

        assertThat(spec.dueAt()).isEqualTo(dueAt);
        assertThat(spec.recurrence()).isNull();
        assertThat(spec.zone()).isEqualTo(zone);
    }

    @ParameterizedTest(name = "\"{0}\" reminds of \"{1}\" {2}")
    @CsvSource(delimiter = '|', textBlock = """
            remind me to replace the lightbulb tomorrow at 9         | replace the lightbulb   | tomorrow at 9
            Remind me tomorrow at 9 to replace the lightbulb.        | replace the lightbulb   | tomorrow at 9
            remind me about the meeting in 10 minutes                | the meeting             | in 10 minutes
            Please remind me in 10 minutes that the oven is on!      | the oven is on          | in 10 minutes
            set a reminder to water the plants every day at 7        | water the plants        | every day at 7
            Set a reminder for every Monday at 8 to take the bins out | take the bins out      | every Monday at 8
            can you remind me to call Ana at 5pm please?             | call Ana                | at 5pm
            """)
    void separatesTheMessageFromTheTimeExpression(String text, String message, String expression) {
        ReminderSpec spec = read(text, UTC, WEDNESDAY);

        assertThat(spec.message()).isEqualTo(message);
        assertThat(spec.expression()).isEqualTo(expression);
    }

    @Test
    void repeatsEveryMondayAtTheGivenTime() {
        ReminderSpec spec = read("remind me to take the bins out every Monday at 8", PARIS, WEDNESDAY);

        assertThat(spec.recurrence()).isEqualTo(new Recurrence(Frequency.WEEKLY, 1, List.of(DayOfWeek.MONDAY),
                LocalTime.of(8, 0)));
        assertThat(spec.dueAt()).isEqualTo(Instant.parse("2026-06-15T06:00:00Z"));
        assertThat(spec.expression()).isEqualTo("every Monday at 8");
    }

    @Test
    void repeatsOnSeveralWeekdays() {
        ReminderSpec spec = read("remind me to run every Tuesday and Thursday at 18:00", UTC, WEDNESDAY);

        assertThat(spec.recurrence()).isEqualTo(new Recurrence(Frequency.WEEKLY, 1,
                List.of(DayOfWeek.TUESDAY, DayOfWeek.THURSDAY), LocalTime.of(18, 0)));
        assertThat(spec.dueAt()).isEqualTo(Instant.parse("2026-06-11T18:00:00Z"));
    }

    @Test
    void repeatsEveryWeekdayFromTodayWhenTheTimeIsStillAhead() {
        ReminderSpec spec = read("remind me to stand up every weekday at 11", PARIS, WEDNESDAY);

        assertThat(spec.recurrence().days()).containsExactly(DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
                DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
        assertThat(spec.dueAt()).isEqualTo(Instant.parse("2026-06-10T09:00:00Z"));
    }

    @Test
    void repeatsEveryDayFromTomorrowWhenTodaysTimeHasPassed() {
        ReminderSpec spec = read("remind me to take my pills every day at 7", PARIS, WEDNESDAY);

        assertThat(spec.recurrence()).isEqualTo(new Recurrence(Frequency.DAILY, 1, List.of(), LocalTime.of(7, 0)));
        assertThat(spec.dueAt()).isEqualTo(Instant.parse("2026-06-11T05:00:00Z"));
    }

    @ParameterizedTest(name = "\"{0}\" repeats every {2} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            remind me to drink water every 30 minutes | MINUTES | 30 | 2026-06-10T08:30:00Z
            remind me to drink water every minute     | MINUTES | 1  | 2026-06-10T08:01:00Z
            remind me to stretch every 2 hours        | HOURS   | 2  | 2026-06-10T10:00:00Z
            remind me to stretch every hour           | HOURS   | 1  | 2026-06-10T09:00:00Z
            remind me to water the cactus every 3 days | DAYS   | 3  | 2026-06-13T08:00:00Z
            remind me to water the cactus every two weeks | DAYS | 14 | 2026-06-24T08:00:00Z
            """)
    void repeatsAtAFixedInterval(String text, Frequency frequency, int interval, Instant dueAt) {
        ReminderSpec spec = read(text, PARIS, WEDNESDAY);

        assertThat(spec.recurrence()).isEqualTo(new Recurrence(frequency, interval, List.of(), null));
        assertThat(spec.dueAt()).isEqualTo(dueAt);
    }

    @Test
    void keepsTheWallClockTimeAcrossTheSpringForwardChange() {
        // Saturday 28 March 2026, 10:00 in Paris (UTC+1); clocks go to UTC+2 on Sunday at 02:00.
        Instant saturday = Instant.parse("2026-03-28T09:00:00Z");

        assertThat(read("remind me to call Ana tomorrow at 9", PARIS, saturday).dueAt())
                .isEqualTo(Instant.parse("2026-03-29T07:00:00Z"));
        assertThat(read("remind me to call Ana in 1 day", PARIS, saturday).dueAt())
                .isEqualTo(Instant.parse("2026-03-29T08:00:00Z"));
        assertThat(read("remind me to call Ana in 24 hours", PARIS, saturday).dueAt())
                .isEqualTo(Instant.parse("2026-03-29T09:00:00Z"));
    }

    @Test
    void movesATimeTheDstGapSkipsForward() {
        // Saturday 7 March 2026 in New York; on Sunday 02:00-03:00 does not exist.
        Instant saturday = Instant.parse("2026-03-07T15:00:00Z");

        ReminderSpec spec = read("remind me to check the boiler tomorrow at 2:30", NEW_YORK, saturday);

        assertThat(spec.dueAt()).isEqualTo(Instant.parse("2026-03-08T07:30:00Z"));
    }

    @Test
    void readsTheFallBackHourAtItsEarlierOffset() {
        // Saturday 24 October 2026 in Paris; on Sunday 02:00-03:00 happens twice.
        Instant saturday = Instant.parse("2026-10-24T12:00:00Z");

        ReminderSpec spec = read("remind me to check the boiler tomorrow at 2:30", PARIS, saturday);

        assertThat(spec.dueAt()).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
    }

    @Test
    void aBareTimeAlreadyPastTodayMeansTomorrowInTheCallersZone() {
        // 17:00 in Tokyo, 10:00 in Paris.
        assertThat(read("remind me at 9 to stretch", TOKYO, WEDNESDAY).dueAt())
                .isEqualTo(Instant.parse("2026-06-11T00:00:00Z"));
        assertThat(read("remind me at 11 to stretch", PARIS, WEDNESDAY).dueAt())
                .isEqualTo(Instant.parse("2026-06-10T09:00:00Z"));
    }

    @Test
    void readsNoReminderWhenItSaysNoTimeItUnderstands() {
        assertThat(this.reader.isReminder("remind me to buy lightbulbs at some point")).isTrue();
        assertThat(this.reader.read("remind me to buy lightbulbs at some point", UTC, WEDNESDAY)).isEmpty();
        assertThat(this.reader.read("remind me to call at 25:00", UTC, WEDNESDAY)).isEmpty();
        assertThat(this.reader.read("remind me to call at 13pm", UTC, WEDNESDAY)).isEmpty();
    }

    @Test
    void recognisesOnlyReminderRequests() {
        assertThat(this.reader.isReminder("Remind me to call Ana")).isTrue();
        assertThat(this.reader.isReminder("Set a reminder for 9")).isTrue();
        assertThat(this.reader.isReminder("set me a reminder")).isTrue();
        assertThat(this.reader.isReminder("What does a reminder do?")).isFalse();
        assertThat(this.reader.isReminder("It reminds me of home")).isFalse();
        assertThat(this.reader.read("What is a kettle?", UTC, WEDNESDAY)).isEmpty();
    }

    @Test
    void cleansTheMessageOfAnyNumberOfLinkingWordsAndTrailingPunctuation() {
        ReminderSpec spec = read("remind me to to to call Ana,,,, please!!! tomorrow at 9", UTC, WEDNESDAY);

        assertThat(spec.message()).isEqualTo("call Ana");
        assertThat(read("remind me " + "to ".repeat(2000) + "call Ana" + " ,".repeat(2000) + " tomorrow at 9", UTC,
                WEDNESDAY).message()).isEqualTo("call Ana");
    }

    @Test
    void keepsAPleaseThatIsPartOfAWord() {
        assertThat(read("remind me to call Mr Xplease tomorrow at 9", UTC, WEDNESDAY).message())
                .isEqualTo("call Mr Xplease");
    }

    @Test
    void leavesTheMessageBlankWhenTheRequestSaysOnlyWhen() {
        ReminderSpec spec = read("remind me tomorrow at 9", UTC, WEDNESDAY);

        assertThat(spec.message()).isEmpty();
        assertThat(spec.expression()).isEqualTo("tomorrow at 9");
        assertThat(spec.dueAt()).isEqualTo(Instant.parse("2026-06-11T09:00:00Z"));
    }

    @Test
    void readsAtMostSevenDaysOfAWeeklyList() {
        ReminderSpec spec = read("remind me to stretch every monday" + " and monday".repeat(500) + " at 8", UTC,
                WEDNESDAY);

        assertThat(spec.recurrence().frequency()).isEqualTo(Frequency.WEEKLY);
        assertThat(spec.recurrence().days()).containsExactly(DayOfWeek.MONDAY);
        assertThat(read("remind me to stretch every monday, tuesday, wednesday, thursday, friday, saturday and sunday "
                + "at 8", UTC, WEDNESDAY).recurrence().days()).hasSize(7);
    }

    private ReminderSpec read(String text, ZoneId zone, Instant now) {
        return this.reader.read(text, zone, now).orElseThrow();
    }
}
