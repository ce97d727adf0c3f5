package io.myriad.inputprocessor.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import io.myriad.inputprocessor.vocabulary.Vocabulary;

/** What a phrase a question asks about refers to: a pronoun, or concepts, or an unknown noun phrase. */
final class Phrases {

    private static final Pattern PRONOUN = Pattern.compile(
            "^(?:it|its|itself|they|them|this|that|these|those|one|ones|he|she|him|her)$");

    private static final Pattern ARTICLE = Pattern.compile("^(?:(?:a|an|the)\\s+)+");

    private static final Pattern FILLER = Pattern.compile(
            "(?:^(?:exactly|actually|really)\\s+|\\s+(?:exactly|actually|really|please|again|then|now|anyway)$)");

    private static final Pattern LIST_SEPARATOR = Pattern
        .compile("\\s*(?:,|&|\\band\\b|\\bor\\b|\\bas well as\\b)\\s*");

    private Phrases() {
    }

    /** Whether the phrase only points back at what was asked before ("what does it do"). */
    static boolean isPronoun(String phrase) {
        return PRONOUN.matcher(tidy(phrase)).matches();
    }

    /** The parts of a phrase that name no concept, articles stripped ("a flux capacitor" is "flux capacitor"). */
    static List<String> unknownParts(String phrase, Vocabulary vocabulary) {
        List<String> unknown = new ArrayList<>();
        for (String part : LIST_SEPARATOR.split(phrase)) {
            String tidy = ARTICLE.matcher(tidy(part)).replaceFirst("").trim();
            if (!tidy.isEmpty() && !isPronoun(tidy) && hasWord(tidy) && vocabulary.conceptsIn(tidy).isEmpty()) {
                unknown.add(tidy);
            }
        }
        return unknown;
    }

    private static boolean hasWord(String text) {
        return Arrays.stream(text.split("\\s+")).anyMatch((word) -> word.chars().anyMatch(Character::isLetter));
    }

    private static String tidy(String phrase) {
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
