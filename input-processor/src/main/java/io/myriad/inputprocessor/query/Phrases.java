package io.myriad.inputprocessor.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.myriad.inputprocessor.text.ParseWork;
import io.myriad.inputprocessor.vocabulary.Vocabulary;

/**
 * What a phrase a question asks about refers to: a pronoun, or concepts, or an unknown noun phrase. Tidying is a
 * scan from each end, not a pattern anchored at the end: {@code [...]+$} retried at every position of a run of
 * quotes or commas is quadratic in the run's length.
 */
final class Phrases {

    private static final Pattern PRONOUN = Pattern.compile(
            "^(?:it|its|itself|they|them|this|that|these|those|one|ones|he|she|him|her)$");

    /** One article and the whitespace after it; a run of them is skipped with {@link ParseWork#skipRepeated}. */
    private static final Pattern ARTICLE = Pattern.compile("(?:a|an|the)\\s++");

    private static final Set<String> LEADING_FILLERS = Set.of("exactly", "actually", "really");

    private static final Set<String> TRAILING_FILLERS = Set.of("exactly", "actually", "really", "please", "again",
            "then", "now", "anyway");

    private static final String TRAILING_NOISE = " \t\n\u000B\f\r\"'.,:;!?()";

    private static final String LEADING_NOISE = " \t\n\u000B\f\r\"'(";

    private static final Pattern LIST_SEPARATOR = Pattern
        .compile("\\s*+(?:,|&|\\band\\b|\\bor\\b|\\bas well as\\b)\\s*+");

    private Phrases() {
    }

    /** Whether the phrase only points back at what was asked before ("what does it do"). */
    static boolean isPronoun(String phrase) {
        return ParseWork.matcher(PRONOUN, tidy(phrase)).matches();
    }

    /** The parts of a phrase that name no concept, articles stripped ("a flux capacitor" is "flux capacitor"). */
    static List<String> unknownParts(String phrase, Vocabulary vocabulary) {
        List<String> unknown = new ArrayList<>();
        for (String part : ParseWork.split(LIST_SEPARATOR, phrase)) {
            String tidied = tidy(part);
            String tidy = tidied.substring(ParseWork.skipRepeated(ARTICLE, tidied, 0)).trim();
            if (!tidy.isEmpty() && !isPronoun(tidy) && hasLetter(tidy) && vocabulary.conceptsIn(tidy).isEmpty()) {
                unknown.add(tidy);
            }
        }
        return unknown;
    }

    private static boolean hasLetter(String text) {
        ParseWork.steps(text.length());
        return text.chars().anyMatch(Character::isLetter);
    }

    /**
     * The phrase without the quotes and punctuation around it, nor filler words ("really", "please") at either
     * end, however many.
     */
    static String tidy(String phrase) {
        ParseWork.steps(phrase.length());
        int end = phrase.length();
        while (end > 0 && TRAILING_NOISE.indexOf(phrase.charAt(end - 1)) >= 0) {
            end--;
        }
        int start = 0;
        while (start < end && LEADING_NOISE.indexOf(phrase.charAt(start)) >= 0) {
            start++;
        }
        start = trimStart(phrase, start, end);
        end = trimEnd(phrase, start, end);
        boolean changed = true;
        while (changed) {
            changed = false;
            int afterLeading = afterLeadingFiller(phrase, start, end);
            if (afterLeading > start) {
                start = afterLeading;
                changed = true;
            }
            int beforeTrailing = beforeTrailingFiller(phrase, start, end);
            if (beforeTrailing < end) {
                end = beforeTrailing;
                changed = true;
            }
            start = trimStart(phrase, start, end);
            end = trimEnd(phrase, start, end);
        }
        return phrase.substring(start, end);
    }

    /** Past "really " at {@code start}: a filler word and the whitespace after it; {@code start} when none. */
    private static int afterLeadingFiller(String text, int start, int end) {
        int word = start;
        while (word < end && Character.isLetter(text.charAt(word))) {
            word++;
        }
        if (word == end || !isSpace(text.charAt(word))
                || !LEADING_FILLERS.contains(text.substring(start, word))) {
            return start;
        }
        while (word < end && isSpace(text.charAt(word))) {
            word++;
        }
        return word;
    }

    /** Before " please" at {@code end}: the whitespace and the filler word; {@code end} when none. */
    private static int beforeTrailingFiller(String text, int start, int end) {
        int word = end;
        while (word > start && Character.isLetter(text.charAt(word - 1))) {
            word--;
        }
        if (word == start || !isSpace(text.charAt(word - 1))
                || !TRAILING_FILLERS.contains(text.substring(word, end))) {
            return end;
        }
        while (word > start && isSpace(text.charAt(word - 1))) {
            word--;
        }
        return word;
    }

    private static int trimStart(String text, int start, int end) {
        while (start < end && text.charAt(start) <= ' ') {
            start++;
        }
        return start;
    }

    private static int trimEnd(String text, int start, int end) {
        while (end > start && text.charAt(end - 1) <= ' ') {
            end--;
        }
        return end;
    }

    /** Whitespace as a pattern's {@code \s} reads it. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
