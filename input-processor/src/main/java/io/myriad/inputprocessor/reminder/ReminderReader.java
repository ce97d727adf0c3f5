package io.myriad.inputprocessor.reminder;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.myriad.contracts.reminder.ReminderSpec;
import io.myriad.inputprocessor.text.ParseWork;

import org.springframework.stereotype.Component;

/**
 * Reads a reminder request ("remind me to replace the lightbulb tomorrow at 9", "set a reminder for every Monday
 * at 8 to take the bins out"): what to remind of, and when, in the caller's zone.
 */
@Component
public class ReminderReader {

    // Possessive whitespace: the words that follow start with none, so a long run of spaces is read once.
    private static final Pattern REQUEST = Pattern.compile(
            "\\b(?:remind\\s++me|(?:set|create|add|make)\\s++(?:up\\s++)?(?:me\\s++)?(?:a\\s++|an\\s++)?reminder)\\b",
            Pattern.CASE_INSENSITIVE);

    /**
     * One linking word before the message and the blanks after it (as {@link String#trim} sees them); a run of
     * them is skipped with {@link ParseWork#skipRepeated}.
     */
    private static final Pattern LEADING_LINK = Pattern.compile(
            "(?:(?:for|to)\\s++me\\b|to\\b|about\\b|that\\b|of\\b|for\\b|[:,\\-–])[\\x00-\\x20]*+",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern SPACES = Pattern.compile("\\s++");

    /** What may trail a message and is not part of it, besides the word "please". */
    private static final String TRAILING_NOISE = " \t\n\u000B\f\r.,!?;:";

    private static final String PLEASE = "please";

    private final TimeExpressions timeExpressions = new TimeExpressions();

    /** Whether {@code text} asks for a reminder. */
    public boolean isReminder(String text) {
        return text != null && ParseWork.matcher(REQUEST, text).find();
    }

    /**
     * The reminder {@code text} asks for, resolved in {@code zone} as seen at {@code now}; empty when it asks for
     * none, or says no time this reader understands (the orchestrator then answers that it did not understand).
     * The message may come out blank ("remind me tomorrow at 9"): the orchestrator refuses such a reminder and
     * says why, which a guess here could not.
     */
    public Optional<ReminderSpec> read(String text, ZoneId zone, Instant now) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher request = ParseWork.matcher(REQUEST, text);
        if (!request.find()) {
            return Optional.empty();
        }
        String body = text.substring(request.end());
        return this.timeExpressions.find(body, zone, now).map((when) -> new ReminderSpec(
                clean(body.substring(0, when.start()) + " " + body.substring(when.end())), when.dueAt(), zone.getId(),
                when.recurrence(), body.substring(when.start(), when.end()).trim()));
    }

    /**
     * The message without the words that link it to the request ("to", "about") nor what trails it (punctuation,
     * "please"). Both ends are scanned once: a pattern anchored at the end and retried at each position of a run
     * of commas is quadratic in the run, and one that repeats a group of alternatives overflows the stack.
     */
    private static String clean(String message) {
        String cleaned = ParseWork.matcher(SPACES, message).replaceAll(" ").trim();
        ParseWork.steps(cleaned.length());
        int end = cleaned.length();
        while (end > 0) {
            if (TRAILING_NOISE.indexOf(cleaned.charAt(end - 1)) >= 0) {
                end--;
            }
            else if (endsWithPlease(cleaned, end)) {
                end -= PLEASE.length();
            }
            else {
                break;
            }
        }
        String kept = cleaned.substring(0, end);
        int start = ParseWork.skipRepeated(LEADING_LINK, kept, 0);
        return kept.substring(start).trim();
    }

    /** Whether the word "please", whole, ends at {@code end}. */
    private static boolean endsWithPlease(String text, int end) {
        int start = end - PLEASE.length();
        return start >= 0 && text.regionMatches(true, start, PLEASE, 0, PLEASE.length())
                && (start == 0 || !isWordChar(text.charAt(start - 1)))
                && (end == text.length() || !isWordChar(text.charAt(end)));
    }

    /** A character a pattern's {@code \w} (and so {@code \b}) reads as part of a word. */
    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
}
