package io.myriad.inputprocessor.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.myriad.contracts.query.Intent;
import io.myriad.inputprocessor.vocabulary.Vocabulary;

/**
 * Recognises what one clause asks, by phrasing. Rules are tried in order, the first that applies winning, so the
 * more specific phrasings come first: "what is X used for" is FUNCTION before "what is X" is DEFINE, and
 * "what is the difference between X and Y" is COMPARE. "X or Y" and "X vs Y" only count as COMPARE when both
 * sides name concepts, and a bare "X or Y" only when no other phrasing applies.
 */
final class IntentRecognizer {

    private static final Pattern COMPARISON_CUE = Pattern.compile(
            "\\b(?:which|better|worse|best|prefer|preferable|choose|rather|should i|cheaper|safer)\\b");

    private final List<Rule> rules = List.of(
            // RELATE
            pair(Intent.RELATE,
                    "\\bhow (?:is|are|was|were) (.+?) (?:related|connected|linked|relevant) (?:to|with) (.+)"),
            pair(Intent.RELATE, "\\bhow (?:is|are|was|were) (.+?) and (.+?) (?:related|connected|linked)\\b"),
            pair(Intent.RELATE, "\\bhow (?:do|does) (.+?) (?:relate|connect|link) (?:to|with) (.+)"),
            pair(Intent.RELATE, "\\b(?:relationship|relation|connection|link) between (.+?) and (.+)"),
            pair(Intent.RELATE, "\\b(?:is|are) (.+?) (?:related|connected|linked) to (.+)"),
            // COMPARE
            pair(Intent.COMPARE, "\\bcompare (.+?) (?:and|with|to|against|versus|vs) (.+)"),
            pair(Intent.COMPARE, "\\bdifferences? between (.+?) and (.+)"),
            pair(Intent.COMPARE, "\\bhow (?:is|are|does|do) (.+?) differ(?:ent)? from (.+)"),
            pair(Intent.COMPARE, "^(.+?) compared (?:to|with) (.+)"),
            namingPair(Intent.COMPARE, "^(.+?) (?:vs|versus) (.+)"),
            cuedPair(Intent.COMPARE, "^(.+?) or (.+)"),
            // FUNCTION
            subject(Intent.FUNCTION, "\\bwhat (?:does|do|did|can|could) (.+?) do\\b"),
            subject(Intent.FUNCTION, "\\bhow (?:does|do|did) (.+?) work\\b"),
            subject(Intent.FUNCTION, "\\bwhat (?:is|are|was|were) (.+?) used for\\b"),
            subject(Intent.FUNCTION, "\\bwhat (?:can|could) (.+?) be used for\\b"),
            subject(Intent.FUNCTION, "\\bwhat (?:is|are) the (?:purpose|function|use|uses|point) of (.+)"),
            subject(Intent.FUNCTION, "\\bwhat (?:is|are) (.+?) (?:good )?for$"),
            subject(Intent.FUNCTION, "\\bhow (?:is|are) (.+?) used\\b"),
            subject(Intent.FUNCTION, "^(?:the )?(?:purpose|function|uses?) of (.+)"),
            // DEFINE
            subject(Intent.DEFINE, "\\b(?:the )?meaning of (.+)"),
            subject(Intent.DEFINE, "\\bwhat (?:does|do) (.+?) mean\\b"),
            subject(Intent.DEFINE, "\\bdefine (.+)"),
            subject(Intent.DEFINE, "\\btell me about (.+)"),
            subject(Intent.DEFINE, "\\btell me what (.+?)(?: is| are)?$"),
            subject(Intent.DEFINE, "\\bwhat(?: exactly)? (?:is|are|was|were) (.+)"),
            subject(Intent.DEFINE, "\\bwho (?:is|are|was|were) (.+)"),
            subject(Intent.DEFINE, "\\b(?:explain|describe) (.+)"),
            // COMPARE, when nothing else reads the clause: "kettle or microwave?"
            namingPair(Intent.COMPARE, "^(.+?) or (.+)"));

    /** What {@code clause} (normalised) asks, if any phrasing applies. */
    Optional<Recognition> recognize(String clause, Vocabulary vocabulary) {
        for (Rule rule : this.rules) {
            Optional<Recognition> recognition = rule.apply(clause, vocabulary);
            if (recognition.isPresent()) {
                return recognition;
            }
        }
        return Optional.empty();
    }

    private static Rule subject(Intent intent, String regex) {
        return new Rule(intent, Pattern.compile(regex), Kind.SUBJECT);
    }

    private static Rule pair(Intent intent, String regex) {
        return new Rule(intent, Pattern.compile(regex), Kind.PAIR);
    }

    private static Rule namingPair(Intent intent, String regex) {
        return new Rule(intent, Pattern.compile(regex), Kind.NAMING_PAIR);
    }

    private static Rule cuedPair(Intent intent, String regex) {
        return new Rule(intent, Pattern.compile(regex), Kind.CUED_NAMING_PAIR);
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

    private record Rule(Intent intent, Pattern pattern, Kind kind) {

        Optional<Recognition> apply(String clause, Vocabulary vocabulary) {
            if (this.kind == Kind.CUED_NAMING_PAIR && !COMPARISON_CUE.matcher(clause).find()) {
                return Optional.empty();
            }
            Matcher matcher = this.pattern.matcher(clause);
            if (!matcher.find()) {
                return Optional.empty();
            }
            List<String> phrases = new ArrayList<>();
            for (int group = 1; group <= matcher.groupCount(); group++) {
                phrases.add(matcher.group(group).trim());
            }
            boolean naming = this.kind == Kind.NAMING_PAIR || this.kind == Kind.CUED_NAMING_PAIR;
            if (naming && phrases.stream().anyMatch((phrase) -> vocabulary.conceptsIn(phrase).isEmpty())) {
                return Optional.empty();
            }
            return Optional.of(new Recognition(this.intent, List.copyOf(phrases), !naming));
        }
    }
}
