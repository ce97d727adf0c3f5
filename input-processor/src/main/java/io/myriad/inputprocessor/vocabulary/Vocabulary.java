package io.myriad.inputprocessor.vocabulary;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.myriad.contracts.graph.ConceptName;
import io.myriad.inputprocessor.text.ParseWork;

/**
 * The graph's concept names and aliases as an immutable index from word sequences to canonical names. Matching is
 * case-insensitive, tolerates a plural last word ("washing machines"), prefers the longest name at each position
 * ("light bulb" over "light"), and reports canonical names in order of appearance without duplicates.
 */
public final class Vocabulary {

    /** Knows no concept: what the service matches against until graphdb-manager first answers. */
    public static final Vocabulary EMPTY = new Vocabulary(Map.of(), Set.of(), 0, 0);

    private final Map<String, String> canonicalByPhrase;

    /** Every proper beginning of a name, in whole words ("washing" of "washing machine"). */
    private final Set<String> prefixes;

    private final int longestPhrase;

    private final int size;

    private Vocabulary(Map<String, String> canonicalByPhrase, Set<String> prefixes, int longestPhrase, int size) {
        this.canonicalByPhrase = canonicalByPhrase;
        this.prefixes = prefixes;
        this.longestPhrase = longestPhrase;
        this.size = size;
    }

    /** Indexes every name and alias; a concept's own name wins over another concept's alias of the same words. */
    public static Vocabulary of(Collection<ConceptName> concepts) {
        Map<String, String> canonicalByPhrase = new HashMap<>();
        Set<String> canonicalNames = new LinkedHashSet<>();
        int longest = 0;
        for (ConceptName concept : concepts) {
            if (concept == null || concept.name() == null || Words.of(concept.name()).isEmpty()) {
                continue;
            }
            canonicalNames.add(concept.name());
            longest = Math.max(longest, index(canonicalByPhrase, concept.name(), concept.name()));
        }
        for (ConceptName concept : concepts) {
            if (concept == null || concept.aliases() == null || !canonicalNames.contains(concept.name())) {
                continue;
            }
            for (String alias : concept.aliases()) {
                longest = Math.max(longest, index(canonicalByPhrase, alias, concept.name()));
            }
        }
        Set<String> prefixes = new HashSet<>();
        for (String phrase : canonicalByPhrase.keySet()) {
            for (int space = phrase.indexOf(' '); space >= 0; space = phrase.indexOf(' ', space + 1)) {
                prefixes.add(phrase.substring(0, space));
            }
        }
        return new Vocabulary(Map.copyOf(canonicalByPhrase), Set.copyOf(prefixes), longest, canonicalNames.size());
    }

    private static int index(Map<String, String> canonicalByPhrase, String phrase, String canonical) {
        List<String> words = Words.of(phrase);
        if (words.isEmpty()) {
            return 0;
        }
        canonicalByPhrase.putIfAbsent(String.join(" ", words), canonical);
        return words.size();
    }

    /** How many concepts it knows. */
    public int size() {
        return this.size;
    }

    /**
     * The canonical names of the concepts {@code text} names, in order of appearance, each once. At each word it
     * reads ahead only while the words so far begin some name, so the work per word is bounded by the longest
     * name, whatever the text.
     */
    public List<String> conceptsIn(String text) {
        List<String> words = Words.of(text);
        Set<String> found = new LinkedHashSet<>();
        StringBuilder phrase = new StringBuilder();
        int position = 0;
        while (position < words.size()) {
            int matched = 0;
            String canonical = null;
            phrase.setLength(0);
            int limit = Math.min(this.longestPhrase, words.size() - position);
            for (int length = 1; length <= limit; length++) {
                String last = words.get(position + length - 1);
                String match = lookup(phrase, last);
                if (match != null) {
                    canonical = match;
                    matched = length;
                }
                phrase.append((length > 1) ? " " : "").append(last);
                ParseWork.steps(phrase.length());
                if (!this.prefixes.contains(phrase.toString())) {
                    break;
                }
            }
            if (canonical != null) {
                found.add(canonical);
            }
            position += Math.max(matched, 1);
        }
        return List.copyOf(found);
    }

    /** The concept named by the words in {@code before} followed by {@code last}, or its singular. */
    private String lookup(StringBuilder before, String last) {
        int length = before.length();
        String separator = (length > 0) ? " " : "";
        String canonical = this.canonicalByPhrase.get(before.append(separator).append(last).toString());
        before.setLength(length);
        ParseWork.steps(length + last.length());
        if (canonical != null) {
            return canonical;
        }
        for (String candidate : Plurals.singularsOf(last)) {
            canonical = this.canonicalByPhrase.get(before.append(separator).append(candidate).toString());
            before.setLength(length);
            ParseWork.steps(length + candidate.length());
            if (canonical != null) {
                return canonical;
            }
        }
        return null;
    }
}
