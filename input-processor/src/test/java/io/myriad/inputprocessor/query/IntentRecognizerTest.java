package io.myriad.inputprocessor.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IntentRecognizerTest {

    /** The words the phrasings are made of, and a few that are not, to build clauses that nearly match. */
    private static final String[] WORDS = { "how", "is", "are", "was", "what", "does", "do", "did", "can", "and",
        "related", "connected", "to", "with", "compare", "or", "vs", "versus", "the", "of", "purpose", "uses", "a",
        "x", "y", "used", "for", "good", "tell", "me", "about", "mean", "differ", "different", "from", "between",
        "difference", "differences", "compared", "work", "be", "who", "define", "explain", "meaning", "linked",
        "relate", "link", "relationship", "exactly", "which", "better", "it", "a-b", "is's", "be used for",
        "tell me what", "tell me about", "good for", "used for", "the purpose of", "related to", "difference between",
        "compared to", "meaning of", "what can", "how are", "differ from", "relationship between", "what is",
        "how is", "and", "related", "linked", "how does", "relate to", "link with", "connection between",
        "what do", "how did", "what could", "describe", "who was", "what exactly is", "purpose of", "function of",
        "use of", "connected with", "how do" };

    /**
     * The rules were regular expressions such as {@code \bhow (?:is|are) (.+?) and (.+?) related\b}; they are now
     * searched cue by delimiter, once each. On every clause, each must still find what the expression finds.
     */
    @Test
    void readsEveryPhrasingAsItsBacktrackingRegularExpressionWouldOnThousandsOfClauses() {
        List<IntentRecognizer.Phrasing> phrasings = new IntentRecognizer().phrasings();
        Random random = new Random(12);
        int[] matched = new int[phrasings.size()];
        for (int i = 0; i < 30_000; i++) {
            String clause = clause(random);
            for (int rule = 0; rule < phrasings.size(); rule++) {
                IntentRecognizer.Phrasing phrasing = phrasings.get(rule);
                Optional<List<String>> expected = byRegex(phrasing.asRegex(), clause);

                assertThat(phrasing.phrasesIn(clause)).as("%s on \"%s\"", phrasing.asRegex(), clause)
                        .isEqualTo(expected);
                matched[rule] += expected.isPresent() ? 1 : 0;
            }
        }
        List<String> rarelyMatched = new ArrayList<>();
        for (int rule = 0; rule < phrasings.size(); rule++) {
            if (matched[rule] < 5) {
                rarelyMatched.add(phrasings.get(rule).asRegex() + " (" + matched[rule] + ")");
            }
        }
        assertThat(rarelyMatched).as("phrasings matched by fewer than 5 clauses").isEmpty();
    }

    @Test
    void readsTwoPhrasesBeforeALastDelimiterAsTheRegularExpressionDoes() {
        List<String> clauses = List.of("how is a and b related", "how is a and b and c related to d",
                "how are a and b related and c and d connected", "how is a and related", "how is a and b relatedness",
                "how is and and and related", "how is a and b", "how is a related and b related",
                "how was how is a and b linked and c", "how is a and  b connected");
        IntentRecognizer.Phrasing twoPhrases = new IntentRecognizer().phrasings().stream()
                .filter(phrasing -> phrasing.asRegex().contains(" and (.+?) (?:related"))
                .findFirst()
                .orElseThrow();

        for (String clause : clauses) {
            assertThat(twoPhrases.phrasesIn(clause)).as(clause).isEqualTo(byRegex(twoPhrases.asRegex(), clause));
        }
        assertThat(twoPhrases.phrasesIn("how are a and b and c related and d")).contains(List.of("a", "b and c"));
    }

    private static String clause(Random random) {
        StringJoiner clause = new StringJoiner(" ");
        int words = 1 + random.nextInt(10);
        for (int i = 0; i < words; i++) {
            clause.add(WORDS[random.nextInt(WORDS.length)]);
        }
        return clause.toString();
    }

    private static Optional<List<String>> byRegex(String regex, String clause) {
        Matcher matcher = Pattern.compile(regex).matcher(clause);
        if (!matcher.find()) {
            return Optional.empty();
        }
        List<String> phrases = new ArrayList<>();
        for (int group = 1; group <= matcher.groupCount(); group++) {
            phrases.add(matcher.group(group).trim());
        }
        return Optional.of(List.copyOf(phrases));
    }
}
