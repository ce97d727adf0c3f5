package io.myriad.inputprocessor.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.myriad.inputprocessor.text.ParseWork;

/**
 * Normalises a question and splits it into the clauses that each ask one thing: "What is a lightbulb and what
 * does it do?" is "what is a lightbulb" and "what does it do". A clause starts at sentence punctuation or at an
 * "and"/"also" that introduces a new question word; the "and" of "compare X and Y" does not split. Every pattern
 * here does a bounded amount of work at each position of the text (whitespace runs are read possessively), so
 * both steps are linear in the question's length.
 */
final class Clauses {

    private static final Pattern APOSTROPHES = Pattern.compile("[’‘`]");

    private static final Pattern IS_CONTRACTION = Pattern.compile("\\b(what|who|how|where|that|it|which)'s\\b");

    private static final Pattern ARE_CONTRACTION = Pattern.compile("\\b(what|who|how|where|they)'re\\b");

    private static final Pattern POSSESSIVE = Pattern.compile("'s\\b");

    private static final Pattern VERSUS = Pattern.compile("\\b(vs|v)\\.(?=\\s)");

    /** Whitespace, and the line and paragraph separators a phrase's {@code .} would not cross. */
    private static final Pattern SPACES = Pattern.compile("[\\s\\u0085\\u2028\\u2029]++");

    private static final String QUESTION_START = "(?:what|how|who|why|where|when|which|tell|define|explain|describe"
            + "|compare|also)\\b";

    private static final Pattern BOUNDARY = Pattern.compile("(?:[?!;]++|\\.(?=\\s|$)|,?\\s++(?:and|but|also|then)"
            + "\\s++(?=" + QUESTION_START + ")|,\\s*+(?=" + QUESTION_START + "))");

    /** One linking word and what follows it; a run of them is skipped with {@link ParseWork#skipRepeated}. */
    private static final Pattern LEADING_LINK = Pattern.compile("(?:and|but|also|then|so|please)\\b[\\s,]*+");

    private Clauses() {
    }

    /** Lower case, straight apostrophes, "what's" as "what is", possessives dropped, single spaces. */
    static String normalize(String text) {
        String normal = ParseWork.matcher(APOSTROPHES, text.toLowerCase(Locale.ROOT)).replaceAll("'");
        normal = ParseWork.matcher(IS_CONTRACTION, normal).replaceAll("$1 is");
        normal = ParseWork.matcher(ARE_CONTRACTION, normal).replaceAll("$1 are");
        normal = ParseWork.matcher(POSSESSIVE, normal).replaceAll("");
        normal = ParseWork.matcher(VERSUS, normal).replaceAll("vs");
        return ParseWork.matcher(SPACES, normal).replaceAll(" ").trim();
    }

    /** The clauses of a normalised question, without their linking words, none empty. */
    static List<String> of(String normalized) {
        List<String> clauses = new ArrayList<>();
        for (String part : ParseWork.split(BOUNDARY, normalized)) {
            String trimmed = part.trim();
            String clause = trimmed.substring(ParseWork.skipRepeated(LEADING_LINK, trimmed, 0)).trim();
            if (!clause.isEmpty()) {
                clauses.add(clause);
            }
        }
        return clauses;
    }
}
