package io.myriad.inputprocessor.query;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import io.myriad.contracts.graph.ConceptName;
import io.myriad.inputprocessor.vocabulary.Vocabulary;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PhrasesTest {

    /** Tidying as it was written with patterns anchored at the end, quadratic on a run of quotes. */
    private static final Pattern FILLER = Pattern.compile(
            "(?:^(?:exactly|actually|really)\\s+|\\s+(?:exactly|actually|really|please|again|then|now|anyway)$)");

    private static final String[] PIECES = { " ", "  ", "\"", "'", ".", ",", "?", "(", ")", "really", "now", "please",
        "exactly", "x", "kettle", "a", "é", "\t", "5", "snow" };

    @Test
    void tidiesEveryPhraseAsTheBacktrackingPatternsDid() {
        Random random = new Random(7);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder phrase = new StringBuilder();
            int pieces = random.nextInt(9);
            for (int p = 0; p < pieces; p++) {
                phrase.append(PIECES[random.nextInt(PIECES.length)]);
            }

            assertThat(Phrases.tidy(phrase.toString())).as("\"%s\"", phrase).isEqualTo(patternTidy(phrase.toString()));
        }
    }

    @Test
    void stripsArticlesAndFillersFromAnUnknownPhraseHoweverManyThereAre() {
        Vocabulary vocabulary = Vocabulary.of(List.of(new ConceptName("kettle", List.of())));

        assertThat(Phrases.unknownParts("the a an " + "the ".repeat(3000) + "flux capacitor really really now",
                vocabulary)).containsExactly("flux capacitor");
        assertThat(Phrases.unknownParts("\"".repeat(5000) + "a kettle and a flux capacitor" + "\"?".repeat(5000),
                vocabulary)).containsExactly("flux capacitor");
    }

    private static String patternTidy(String phrase) {
        String tidy = phrase.replaceAll("[\\s\"'.,:;!?()]+$", "").replaceAll("^[\\s\"'(]+", "").trim();
        String previous;
        do {
            previous = tidy;
            tidy = FILLER.matcher(tidy).replaceAll("").trim();
        }
        while (!tidy.equals(previous));
        return tidy;
    }
}
