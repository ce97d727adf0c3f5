package io.myriad.inputprocessor.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.myriad.contracts.query.Intent;
import io.myriad.inputprocessor.text.ParseWork;
import io.myriad.inputprocessor.vocabulary.Vocabulary;

/**
 * Recognises what one clause asks, by phrasing. Rules are tried in order, the first that applies winning, so the
 * more specific phrasings come first: "what is X used for" is FUNCTION before "what is X" is DEFINE, and
 * "what is the difference between X and Y" is COMPARE. "X or Y" and "X vs Y" only count as COMPARE when both
 * sides name concepts, and a bare "X or Y" only when no other phrasing applies.
 *
 * <p>A rule is a {@link Phrasing}: a cue ("how is"), then phrases separated by fixed words ("related to"). It reads
 * as the regular expression {@code cue(.+?)delimiter(.+)} would, shortest phrase first, but in linear time: a
 * backtracking engine tries every occurrence of the cue and, for each, every later position of the delimiter,
 * which is quadratic (cubic with two phrases) on a clause such as "how is a and a and a ...". Here each cue and
 * each delimiter is searched for once, from left to right.
 */
final class IntentRecognizer {

    private static final Pattern COMPARISON_CUE = Pattern.compile(
            "\\b(?:which|better|worse|best|prefer|preferable|choose|rather|should i|cheaper|safer)\\b");

    private final List<Rule> rules = List.of(
            // RELATE
            pair(Intent.RELATE, Phrasing.of("\\bhow (?:is|are|was|were) ")
                    .then(" (?:related|connected|linked|relevant) (?:to|with) ").thenRest()),
            pair(Intent.RELATE, Phrasing.of("\\bhow (?:is|are|was|were) ").then(" and ")
                    .then(" (?:related|connected|linked)\\b")),
            pair(Intent.RELATE, Phrasing.of("\\bhow (?:do|does) ").then(" (?:relate|connect|link) (?:to|with) ")
                    .thenRest()),
            pair(Intent.RELATE, Phrasing.of("\\b(?:relationship|relation|connection|link) between ").then(" and ")
                    .thenRest()),
            pair(Intent.RELATE, Phrasing.of("\\b(?:is|are) ").then(" (?:related|connected|linked) to ").thenRest()),
            // COMPARE
            pair(Intent.COMPARE, Phrasing.of("\\bcompare ").then(" (?:and|with|to|against|versus|vs) ").thenRest()),
            pair(Intent.COMPARE, Phrasing.of("\\bdifferences? between ").then(" and ").thenRest()),
            pair(Intent.COMPARE, Phrasing.of("\\bhow (?:is|are|does|do) ").then(" differ(?:ent)? from ").thenRest()),
            pair(Intent.COMPARE, Phrasing.of("^").then(" compared (?:to|with) ").thenRest()),
            namingPair(Intent.COMPARE, Phrasing.of("^").then(" (?:vs|versus) ").thenRest()),
            cuedPair(Intent.COMPARE, Phrasing.of("^").then(" or ").thenRest()),
            // FUNCTION
            subject(Intent.FUNCTION, Phrasing.of("\\bwhat (?:does|do|did|can|could) ").then(" do\\b")),
            subject(Intent.FUNCTION, Phrasing.of("\\bhow (?:does|do|did) ").then(" work\\b")),
            subject(Intent.FUNCTION, Phrasing.of("\\bwhat (?:is|are|was|were) ").then(" used for\\b")),
            subject(Intent.FUNCTION, Phrasing.of("\\bwhat (?:can|could) ").then(" be used for\\b")),
            subject(Intent.FUNCTION,
                    Phrasing.of("\\bwhat (?:is|are) the (?:purpose|function|use|uses|point) of ").thenRest()),
            subject(Intent.FUNCTION, Phrasing.of("\\bwhat (?:is|are) ").then(" (?:good )?for$")),
            subject(Intent.FUNCTION, Phrasing.of("\\bhow (?:is|are) ").then(" used\\b")),
            subject(Intent.FUNCTION, Phrasing.of("^(?:the )?(?:purpose|function|uses?) of ").thenRest()),
            // DEFINE
            subject(Intent.DEFINE, Phrasing.of("\\b(?:the )?meaning of ").thenRest()),
            subject(Intent.DEFINE, Phrasing.of("\\bwhat (?:does|do) ").then(" mean\\b")),
            subject(Intent.DEFINE, Phrasing.of("\\bdefine ").thenRest()),
            subject(Intent.DEFINE, Phrasing.of("\\btell me about ").thenRest()),
            subject(Intent.DEFINE, Phrasing.of("\\btell me what ").then("(?: is| are)?$")),
            subject(Intent.DEFINE, Phrasing.of("\\bwhat(?: exactly)? (?:is|are|was|were) ").thenRest()),
            subject(Intent.DEFINE, Phrasing.of("\\bwho (?:is|are|was|were) ").thenRest()),
            subject(Intent.DEFINE, Phrasing.of("\\b(?:explain|describe) ").thenRest()),
            // COMPARE, when nothing else reads the clause: "kettle or microwave?"
            namingPair(Intent.COMPARE, Phrasing.of("^").then(" or ").thenRest()));

    /** What {@code clause} (normalised: single spaces, no line separators) asks, if any phrasing applies. */
    Optional<Recognition> recognize(String clause, Vocabulary vocabulary) {
        for (Rule rule : this.rules) {
            Optional<Recognition> recognition = rule.apply(clause, vocabulary);
            if (recognition.isPresent()) {
                return recognition;
            }
        }
        return Optional.empty();
    }

    /** The phrasings of the rules, in order. */
    List<Phrasing> phrasings() {
        return this.rules.stream().map(Rule::phrasing).toList();
    }

    private static Rule subject(Intent intent, Phrasing phrasing) {
        return new Rule(intent, phrasing, Kind.SUBJECT);
    }

    private static Rule pair(Intent intent, Phrasing phrasing) {
        return new Rule(intent, phrasing, Kind.PAIR);
    }

    private static Rule namingPair(Intent intent, Phrasing phrasing) {
        return new Rule(intent, phrasing, Kind.NAMING_PAIR);
    }

    private static Rule cuedPair(Intent intent, Phrasing phrasing) {
        return new Rule(intent, phrasing, Kind.CUED_NAMING_PAIR);
    }

    private enum Kind {
        /** One phrase asked about. */
        SUBJECT,
        /** Two phrases set in relation by the phrasing itself. */
        PAIR,
        /** Two phrases that only count when both name concepts. */
        NAMING_PAIR,
        /** As NAMING_PAIR, and only when the clause also has a comparison word ("which", "better"). */
        CUED_NAMING_PAIR
    }

    private record Rule(Intent intent, Phrasing phrasing, Kind kind) {

        Optional<Recognition> apply(String clause, Vocabulary vocabulary) {
            if (this.kind == Kind.CUED_NAMING_PAIR && !ParseWork.matcher(COMPARISON_CUE, clause).find()) {
                return Optional.empty();
            }
            Optional<List<String>> phrases = this.phrasing.phrasesIn(clause);
            if (phrases.isEmpty()) {
                return Optional.empty();
            }
            boolean naming = this.kind == Kind.NAMING_PAIR || this.kind == Kind.CUED_NAMING_PAIR;
            if (naming && phrases.get().stream().anyMatch((phrase) -> vocabulary.conceptsIn(phrase).isEmpty())) {
                return Optional.empty();
            }
            return Optional.of(new Recognition(this.intent, phrases.get(), !naming));
        }
    }

    /**
     * A cue, then one phrase before each delimiter, then optionally one more phrase to the end of the clause. Each
     * phrase has at least one character. Cues and delimiters are fixed words (no unbounded repetition), so a
     * search for one does bounded work at each position.
     *
     * <p>Why one search each is enough: a later cue leaves less text for the phrases, so when the phrasing does
     * not follow the first cue it follows no later one either; and a phrase ends at the first delimiter after it
     * that leaves room for the rest, which is the first one at all except before a last delimiter, where it must
     * start before the last occurrence of that last delimiter.
     */
    record Phrasing(Pattern cue, List<Pattern> delimiters, boolean rest) {

        static Phrasing of(String cue) {
            return new Phrasing(Pattern.compile(cue), List.of(), false);
        }

        Phrasing then(String delimiter) {
            List<Pattern> delimiters = new ArrayList<>(this.delimiters);
            delimiters.add(Pattern.compile(delimiter));
            return new Phrasing(this.cue, List.copyOf(delimiters), false);
        }

        Phrasing thenRest() {
            return new Phrasing(this.cue, this.delimiters, true);
        }

        /** The (backtracking) regular expression this phrasing reads as, one group per phrase. */
        String asRegex() {
            StringBuilder regex = new StringBuilder(this.cue.pattern());
            this.delimiters.forEach((delimiter) -> regex.append("(.+?)").append(delimiter.pattern()));
            return this.rest ? regex.append("(.+)").toString() : regex.toString();
        }

        /** The phrases of {@code clause}, trimmed, when it has this phrasing. */
        Optional<List<String>> phrasesIn(String clause) {
            Matcher cue = ParseWork.matcher(this.cue, clause);
            if (!cue.find()) {
                return Optional.empty();
            }
            List<String> phrases = new ArrayList<>();
            int from = cue.end();
            // Where the last delimiter's last occurrence starts: the delimiters before it must end before then.
            int lastStart = (this.rest || this.delimiters.size() < 2) ? clause.length() + 1
                    : lastStart(this.delimiters.getLast(), clause, from);
            for (int i = 0; i < this.delimiters.size(); i++) {
                Matcher delimiter = ParseWork.matcher(this.delimiters.get(i), clause);
                // Transparent bounds: \b and $ see the whole clause, not the region.
                delimiter.useTransparentBounds(true).useAnchoringBounds(false);
                if (from + 1 > clause.length()) {
                    return Optional.empty();
                }
                delimiter.region(from + 1, clause.length());
                if (!delimiter.find()) {
                    return Optional.empty();
                }
                boolean last = i == this.delimiters.size() - 1;
                if (!last && !this.rest && this.delimiters.size() >= 2 && delimiter.end() + 1 > lastStart) {
                    return Optional.empty();
                }
                phrases.add(clause.substring(from, delimiter.start()).trim());
                from = delimiter.end();
            }
            if (this.rest) {
                if (from >= clause.length()) {
                    return Optional.empty();
                }
                phrases.add(clause.substring(from).trim());
            }
            return Optional.of(List.copyOf(phrases));
        }

        private static int lastStart(Pattern delimiter, String clause, int from) {
            Matcher matcher = ParseWork.matcher(delimiter, clause);
            matcher.useTransparentBounds(true).useAnchoringBounds(false);
            matcher.region(from, clause.length());
            int last = -1;
            while (matcher.find()) {
                last = matcher.start();
            }
            return last;
        }
    }
}
