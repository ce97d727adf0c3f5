package io.myriad.inputprocessor.reminder;

import java.time.LocalTime;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.myriad.inputprocessor.text.ParseWork;

/** Reads a time of day as people write it: "9", "17:30", "5pm", "5.30 p.m.", "noon", "midnight". */
final class TimeOfDay {

    /** A time of day inside a larger pattern; it cannot run into a following digit or colon. */
    static final String REGEX = "(?:noon|midnight|\\d{1,2}(?:[:.]\\d{2})?(?:\\s*+[ap]\\.?m\\.?)?(?:\\s*+o'clock)?)"
            + "(?![\\w:])";

    private static final Pattern PARTS = Pattern.compile(
            "(?<hour>\\d{1,2})(?:[:.](?<minute>\\d{2}))?\\s*+(?:(?<half>[ap])\\.?m\\.?)?(?:\\s*+o'clock)?");

    private TimeOfDay() {
    }

    /**
     * The time {@code text} names. {@code evening} reads an hour without am/pm below 12 as the evening one
     * ("tonight at 8"); otherwise such an hour is taken on the 24-hour clock.
     */
    static Optional<LocalTime> parse(String text, boolean evening) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("noon")) {
            return Optional.of(LocalTime.NOON);
        }
        if (value.equals("midnight")) {
            return Optional.of(LocalTime.MIDNIGHT);
        }
        Matcher matcher = ParseWork.matcher(PARTS, value);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int hour = Integer.parseInt(matcher.group("hour"));
        int minute = matcher.group("minute") == null ? 0 : Integer.parseInt(matcher.group("minute"));
        String half = matcher.group("half");
        if (minute > 59) {
            return Optional.empty();
        }
        if (half != null) {
            if (hour < 1 || hour > 12) {
                return Optional.empty();
            }
            hour = (hour % 12) + (half.equals("p") ? 12 : 0);
        }
        else if (evening && hour < 12) {
            hour += 12;
        }
        return hour > 23 ? Optional.empty() : Optional.of(LocalTime.of(hour, minute));
    }
}
