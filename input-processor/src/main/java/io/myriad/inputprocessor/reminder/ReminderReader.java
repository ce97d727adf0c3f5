package io.myriad.inputprocessor.reminder;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.myriad.contracts.reminder.ReminderSpec;

import org.springframework.stereotype.Component;

/**
 * Reads a reminder request ("remind me to replace the lightbulb tomorrow at 9", "set a reminder for every Monday
 * at 8 to take the bins out"): what to remind of, and when, in the caller's zone.
 */
@Component
public class ReminderReader {

    private static final Pattern REQUEST = Pattern.compile(
            "\\b(?:remind\\s+me|(?:set|create|add|make)\\s+(?:up\\s+)?(?:me\\s+)?(?:a\\s+|an\\s+)?reminder)\\b",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern LEADING_LINKS = Pattern.compile(
            "^(?:(?:for|to)\\s+me\\b|to\\b|about\\b|that\\b|of\\b|for\\b|[:,\\-–])\\s*", Pattern.CASE_INSENSITIVE);

    private static final Pattern TRAILING = Pattern.compile("(?:[\\s.,!?;:]|\\bplease\\b)+$",
            Pattern.CASE_INSENSITIVE);

    private final TimeExpressions timeExpressions = new TimeExpressions();

    /** Whether {@code text} asks for a reminder. */
    public boolean isReminder(String text) {
        return text != null && REQUEST.matcher(text).find();
    }

    /**
     * The reminder {@code text} asks for, resolved in {@code zone} as seen at {@code now}; empty when it asks for
     * none, or says no time this reader understands (the orchestrator then answers that it did not understand).
     */
    public Optional<ReminderSpec> read(String text, ZoneId zone, Instant now) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher request = REQUEST.matcher(text);
        if (!request.find()) {
            return Optional.empty();
        }
        String body = text.substring(request.end());
        return this.timeExpressions.find(body, zone, now).map((when) -> new ReminderSpec(
                clean(body.substring(0, when.start()) + " " + body.substring(when.end())), when.dueAt(), zone.getId(),
                when.recurrence(), body.substring(when.start(), when.end()).trim()));
    }

    private static String clean(String message) {
        String cleaned = message.replaceAll("\\s+", " ").trim();
        cleaned = TRAILING.matcher(cleaned).replaceAll("");
        String previous;
        do {
            previous = cleaned;
            cleaned = LEADING_LINKS.matcher(cleaned).replaceFirst("").trim();
        }
        while (!cleaned.equals(previous));
        return cleaned;
    }
}
