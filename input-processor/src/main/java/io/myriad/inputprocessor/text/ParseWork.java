package io.myriad.inputprocessor.text;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the parser reads a question's characters. Every pattern it applies to a question is applied through
 * {@link #matcher}, and its hand-written scans report their steps to {@link #steps}, so that a test can count the
 * work a parse does ({@link #measure}) and prove it linear in the question's length without timing it. Outside
 * {@link #measure} nothing is counted and a matcher is the pattern's own.
 */
public final class ParseWork {

    private static final ThreadLocal<long[]> COUNTER = new ThreadLocal<>();

    private ParseWork() {
    }

    /** A matcher of {@code pattern} over {@code text}, whose reads are counted while {@link #measure} runs. */
    public static Matcher matcher(Pattern pattern, CharSequence text) {
        long[] counter = COUNTER.get();
        return pattern.matcher((counter != null) ? new CountedText(text, counter) : text);
    }

    /** Counts {@code count} steps of a hand-written scan, while {@link #measure} runs. */
    public static void steps(int count) {
        long[] counter = COUNTER.get();
        if (counter != null) {
            counter[0] += count;
        }
    }

    /**
     * {@code text} split around the matches of {@code pattern}, as {@link Pattern#split(CharSequence)} does it
     * (trailing empty parts dropped), but read through {@link #matcher}.
     */
    public static List<String> split(Pattern pattern, CharSequence text) {
        List<String> parts = new ArrayList<>();
        Matcher matcher = matcher(pattern, text);
        int from = 0;
        while (matcher.find()) {
            if (matcher.end() == 0) {
                continue;
            }
            parts.add(text.subSequence(from, matcher.start()).toString());
            from = matcher.end();
        }
        parts.add(text.subSequence(from, text.length()).toString());
        int size = parts.size();
        while (size > 0 && parts.get(size - 1).isEmpty()) {
            size--;
        }
        return parts.subList(0, size);
    }

    /**
     * Where a run of {@code once} at {@code from} ends: matched again and again, as {@code (?:once)+} would be,
     * but iteratively. Java's engine recurses once per repetition of a group with alternatives, so such a pattern
     * overflows the stack on a few thousand repetitions ("the the the ...").
     */
    public static int skipRepeated(Pattern once, CharSequence text, int from) {
        Matcher matcher = matcher(once, text).useTransparentBounds(true).useAnchoringBounds(false);
        int at = from;
        while (at < text.length()) {
            matcher.region(at, text.length());
            if (!matcher.lookingAt() || matcher.end() == at) {
                break;
            }
            at = matcher.end();
        }
        return at;
    }

    /** Runs {@code work} on this thread and returns how many characters it read and steps it took. */
    public static <T> Measured<T> measure(Supplier<T> work) {
        long[] counter = { 0 };
        long[] outer = COUNTER.get();
        COUNTER.set(counter);
        try {
            T result = work.get();
            return new Measured<>(result, counter[0]);
        }
        finally {
            if (outer != null) {
                outer[0] += counter[0];
                COUNTER.set(outer);
            }
            else {
                COUNTER.remove();
            }
        }
    }

    /**
     * What some work produced and how much reading it took.
     *
     * @param result what it produced
     * @param work the characters it read through {@link #matcher}, plus the steps it reported
     */
    public record Measured<T>(T result, long work) {
    }

    /** A text that counts each character read from it; its sub-sequences count into the same counter. */
    private record CountedText(CharSequence text, long[] counter) implements CharSequence {

        @Override
        public int length() {
            return this.text.length();
        }

        @Override
        public char charAt(int index) {
            this.counter[0]++;
            return this.text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new CountedText(this.text.subSequence(start, end), this.counter);
        }

        @Override
        public String toString() {
            this.counter[0] += this.text.length();
            return this.text.toString();
        }
    }
}
