package io.myriad.outputprocessor.composition;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.myriad.contracts.agent.ResultStatus;
import io.myriad.contracts.query.Intent;

/** The sentences every format shares, so a text, Markdown and JSON answer say the same thing. */
public final class Wording {

    /** What the answer says when there is nothing to answer with and nothing to acknowledge. */
    public static final String NOTHING_FOUND = "I could not find anything to answer that.";

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private static final Pattern ARTICLE = Pattern.compile("(?i)^(a|an|the)\\s.*");

    private Wording() {
    }

    /** The text on one line, ending like a sentence. */
    public static String sentence(String text) {
        String line = oneLine(text);
        if (line.isEmpty()) {
            return line;
        }
        char last = line.charAt(line.length() - 1);
        return (last == '.' || last == '!' || last == '?') ? line : line + ".";
    }

    /** The text with its line breaks and runs of blanks folded into single spaces. */
    public static String oneLine(String text) {
        return (text != null) ? WHITESPACE.matcher(text).replaceAll(" ").strip() : "";
    }

    /** Who said it and how sure they are, e.g. {@code definition-lightbulb, confidence 0.92}. */
    public static String credit(String agentId, double confidence) {
        return agentName(agentId) + ", confidence " + confidence(confidence);
    }

    public static String confidence(double confidence) {
        return String.format(Locale.ROOT, "%.2f", confidence);
    }

    /**
     * Which part is missing and why, e.g. "The function of lightbulb is missing: agent function-lightbulb did not
     * answer in time."
     */
    public static String missing(String concept, Intent intent, ResultStatus status, String agentId, String reason) {
        String subject = subject(intent, concept);
        String why = switch (status) {
            case TIMED_OUT -> "did not answer in time";
            case FAILED -> couldNotAnswer(reason);
            case ANSWERED -> throw new IllegalArgumentException("an answered part is not missing");
        };
        return subject + ": agent " + agentName(agentId) + " " + why + ".";
    }

    /** The names as a reader lists them: "lightbulb", "lightbulb and candle", "a, b and c". */
    public static String listing(List<String> names) {
        if (names.size() <= 1) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.getLast();
    }

    /** "I don't know what a flux capacitor is yet." */
    public static String unknown(String phrase) {
        String name = oneLine(phrase);
        return "I don't know what " + withArticle(name) + " is yet.";
    }

    private static String subject(Intent intent, String concept) {
        String about = oneLine(concept);
        if (intent == null) {
            return "The answer about " + about + " is missing";
        }
        return switch (intent) {
            case DEFINE -> "The definition of " + about + " is missing";
            case FUNCTION -> "The function of " + about + " is missing";
            case RELATE -> "The relations of " + about + " are missing";
            case COMPARE -> "The comparison of " + about + " is missing";
            case REMIND, UNKNOWN -> "The answer about " + about + " is missing";
        };
    }

    private static String couldNotAnswer(String reason) {
        String why = oneLine(reason);
        while (why.endsWith(".")) {
            why = why.substring(0, why.length() - 1).strip();
        }
        return why.isEmpty() ? "could not answer" : "could not answer (" + why + ")";
    }

    private static String agentName(String agentId) {
        return (agentId == null || agentId.isBlank()) ? "unknown" : oneLine(agentId);
    }

    private static String withArticle(String name) {
        if (name.isEmpty() || ARTICLE.matcher(name).matches()) {
            return name;
        }
        return ("aeiou".indexOf(Character.toLowerCase(name.charAt(0))) >= 0) ? "an " + name : "a " + name;
    }
}
