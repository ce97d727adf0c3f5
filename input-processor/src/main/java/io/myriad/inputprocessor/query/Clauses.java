package io.myriad.inputprocessor.query;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Normalises a question and splits it into the clauses that each ask one thing: "What is a lightbulb and what
 * does it do?" is "what is a lightbulb" and "what does it do". A clause starts at sentence punctuation or at an
 * "and"/"also" that introduces a new question word; the "and" of "compare X and Y" does not split.
 */
final class Clauses {

    private static final Pattern APOSTROPHES = Pattern.compile("[’‘`]");

    private static final Pattern IS_CONTRACTION = Pattern.compile("\\b(what|who|how|where|that|it|which)'s\\b");

    private static final Pattern ARE_CONTRACTION = Pattern.compile("\\b(what|who|how|where|they)'re\\b");

    private static final Pattern POSSESSIVE = Pattern.compile("'s\\b");

    private static final Pattern VERSUS = Pattern.compile("\\b(vs|v)\\.(?=\\s)");

    private static final String QUESTION_START = "(?:what|how|who|why|where|when|which|tell|define|explain|describe"
            + "|compare|also)\\b";

    private static final Pattern BOUNDARY = Pattern.compile("(?:[?!;]+|\\.(?=\\s|$)|,?\\s+(?:and|but|also|then)\\s+(?="
            + QUESTION_START + ")|,\\s*(?=" + QUESTION_START + "))");

    private static final Pattern LEADING_LINKS = Pattern.compile("^(?:(?:and|but|also|then|so|please)\\b[\\s,]*)+");

    private Clauses() {
    }

    /** Lower case, straight apostrophes, "what's" as "what is", possessives dropped, single spaces. */
    static String normalize(String text) {
        String normal = APOSTROPHES.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("'");
        normal = IS_CONTRACTION.matcher(normal).replaceAll("$1 is");
        normal = ARE_CONTRACTION.matcher(normal).replaceAll("$1 are");
        normal = POSSESSIVE.matcher(normal).replaceAll("");
        normal = VERSUS.matcher(normal).replaceAll("vs");
        return normal.replaceAll("\\s+", " ").trim();
    }

    /** The clauses of a normalised question, without their linking words, none empty. */
    static List<String> of(String normalized) {
        return Arrays.stream(BOUNDARY.split(normalized))
                .map((clause) -> LEADING_LINKS.matcher(clause.trim()).replaceFirst("").trim())
                .filter((clause) -> !clause.isEmpty())
                .toList();
    }
}
