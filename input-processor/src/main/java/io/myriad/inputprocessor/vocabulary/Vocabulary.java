package io.myriad.inputprocessor.vocabulary;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.myriad.contracts.graph.ConceptName;

/**
 * The graph's concept names and aliases as an immutable index from word sequences to canonical names. Matching is
 * case-insensitive, tolerates a plural last word ("washing machines"), prefers the longest name at each position
 * ("light bulb" over "light"), and reports canonical names in order of appearance without duplicates.
 */
public final class Vocabulary {

    /** Knows no concept: what the service matches against until graphdb-manager first answers. */
    public static final Vocabulary EMPTY = new Vocabulary(Map.of(), 0, 0);

    private final Map<String, String> canonicalByPhrase;

    private final int longestPhrase;

    private final int size;

    private Vocabulary(Map<String, String> canonicalByPhrase, int longestPhrase, int size) {
        this.canonicalByPhrase = canonicalByPhrase;
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
        return new Vocabulary(Map.copyOf(canonicalByPhrase), longest, canonicalNames.size());
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

    /** The canonical names of the concepts {@code text} names, in order of appearance, each once. */
    public List<String> conceptsIn(String text) {
        List<String> words = Words.of(text);
        Set<String> found = new LinkedHashSet<>();
        int position = 0;
        while (position < words.size()) {
            int matched = 0;
            for (int length = Math.min(this.longestPhrase, words.size() - position); length > 0; length--) {
                String canonical = lookup(words.subList(position, position + length));
                if (canonical != null) {
                    found.add(canonical);
                    matched = length;
                    break;
                }
            }
            position += Math.max(matched, 1);
        }
        return List.copyOf(found);
    }

    private String lookup(List<String> words) {
        String phrase = String.join(" ", words);
        String canonical = this.canonicalByPhrase.get(phrase);
        if (canonical != null) {
            return canonical;
        }
        List<String> singular = new ArrayList<>(words);
        int last = words.size() - 1;
        for (String candidate : Plurals.singularsOf(words.get(last))) {
            singular.set(last, candidate);
            canonical = this.canonicalByPhrase.get(String.join(" ", singular));
            if (canonical != null) {
                return canonical;
            }
        }
        return null;
    }
}
