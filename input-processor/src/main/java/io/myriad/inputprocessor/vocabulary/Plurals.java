package io.myriad.inputprocessor.vocabulary;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The singular forms an English plural may come from. It proposes candidates rather than deciding: the vocabulary
 * keeps the one it knows, so "boxes" may propose both "boxe" and "box" without harm.
 */
final class Plurals {

    private static final Map<String, String> IRREGULAR = Map.ofEntries(Map.entry("men", "man"),
            Map.entry("women", "woman"), Map.entry("children", "child"), Map.entry("feet", "foot"),
            Map.entry("teeth", "tooth"), Map.entry("mice", "mouse"), Map.entry("geese", "goose"),
            Map.entry("people", "person"), Map.entry("dice", "die"));

    private Plurals() {
    }

    /** Candidate singulars of {@code word}, most likely first; empty when it does not look plural. */
    static List<String> singularsOf(String word) {
        List<String> candidates = new ArrayList<>(3);
        String irregular = IRREGULAR.get(word);
        if (irregular != null) {
            candidates.add(irregular);
        }
        int length = word.length();
        if (length < 3 || !word.endsWith("s") || word.endsWith("ss")) {
            return candidates;
        }
        if (word.endsWith("ies") && length > 4) {
            candidates.add(word.substring(0, length - 3) + "y");
        }
        if (word.endsWith("ves")) {
            String stem = word.substring(0, length - 3);
            candidates.add(stem + "fe");
            candidates.add(stem + "f");
        }
        if (word.endsWith("es")) {
            candidates.add(word.substring(0, length - 2));
        }
        candidates.add(word.substring(0, length - 1));
        return candidates;
    }
}
