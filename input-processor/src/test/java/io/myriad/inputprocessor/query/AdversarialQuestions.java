package io.myriad.inputprocessor.query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import io.myriad.contracts.graph.ConceptName;
import io.myriad.inputprocessor.vocabulary.Vocabulary;

/**
 * Questions built to make a backtracking parser work hard, each at any length: repetitions of the phrasings the
 * intent rules, phrase tidying and reminder reading look for, with no end that completes them.
 */
final class AdversarialQuestions {

    static final Vocabulary VOCABULARY = Vocabulary.of(List.of(
            new ConceptName("lightbulb", List.of("light bulb")),
            new ConceptName("washing machine", List.of("clothes washing machine")),
            new ConceptName("kettle", List.of()),
            new ConceptName("battery", List.of()),
            new ConceptName("thomas alva edison", List.of("edison"))));

    /** Each kind of hostile question, by name, as a function of its length in chars. */
    static final Map<String, IntFunction<String>> KINDS = kinds();

    private AdversarialQuestions() {
    }

    private static Map<String, IntFunction<String>> kinds() {
        Map<String, IntFunction<String>> kinds = new LinkedHashMap<>();
        kinds.put("repeated words", length -> repeat("kettle ", length));
        kinds.put("what is a a a", length -> "what is " + repeat("a ", length - 8));
        kinds.put("how is a and a and", length -> "how is " + repeat("a and ", length - 7));
        kinds.put("what does what does", length -> repeat("what does x ", length));
        kinds.put("tell me what tell me what", length -> repeat("tell me what ", length));
        kinds.put("compare x and compare", length -> repeat("compare x and ", length));
        kinds.put("concept names", length -> repeat("washing machines light bulb edison ", length));
        kinds.put("unknown concept names", length -> "what is " + repeat("washing light thomas alva ", length - 8));
        kinds.put("really really", length -> "what is a " + repeat("really ", length - 10) + "x");
        kinds.put("quote run", length -> "what is x" + repeat("\"", length - 10) + "a");
        kinds.put("punctuation run", length -> "what is " + repeat(",.:;", length - 8) + "x");
        kinds.put("remind me to remind me to", length -> repeat("remind me to ", length));
        kinds.put("remind me to to to", length -> "remind me " + repeat("to ", length - 24) + "at 99 tomorrow");
        kinds.put("remind me then punctuation", length -> "remind me to x tomorrow at 9" + repeat(" ,", length - 30)
                + "x");
        kinds.put("at at at", length -> "remind me " + repeat("at 99 every ", length - 10));
        kinds.put("unicode", length -> "what is " + repeat("ÿ\u2028é 💡 ", length - 8));
        return kinds;
    }

    private static String repeat(String unit, int length) {
        StringBuilder text = new StringBuilder(Math.max(length, 0));
        while (text.length() < length) {
            text.append(unit);
        }
        return text.substring(0, Math.max(length, 0));
    }
}
