package io.myriad.inputprocessor.query;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.myriad.contracts.query.Intent;
import io.myriad.contracts.query.ParseRequest;
import io.myriad.contracts.query.ParsedQuery;
import io.myriad.inputprocessor.reminder.ReminderReader;
import io.myriad.inputprocessor.text.ParseWork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parser's cost, counted rather than timed: every character its patterns read goes through
 * {@link ParseWork}, which counts it, as do its hand-written scans. On questions built to make a backtracking
 * parser work hard, the work per character must stay flat as the question grows from 1 to 8 KiB.
 */
class ParseCostTest {

    /**
     * Reads (and scan steps) per character of question that no adversarial question may exceed. About 30 intent
     * rules each search a clause for their cue and delimiter once; the worst question measured about 148.
     */
    static final int MAX_WORK_PER_CHAR = 200;

    /** How much more work 8 times the text may take: linear, with a little room for fixed costs. */
    static final double MAX_GROWTH_FROM_1_TO_8_KIB = 8.5;

    private final QueryParser parser = new QueryParser(() -> AdversarialQuestions.VOCABULARY, new ReminderReader(),
            Clock.fixed(Instant.parse("2026-06-10T08:00:00Z"), ZoneOffset.UTC));

    static Stream<Arguments> adversarialQuestions() {
        return AdversarialQuestions.KINDS.entrySet().stream().map(kind -> Arguments.of(kind.getKey(), kind.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adversarialQuestions")
    void readsEachCharacterOfAnAdversarialQuestionABoundedNumberOfTimes(String kind, IntFunction<String> question) {
        long[] work = new long[4];
        int[] lengths = { 1024, 2048, 4096, 8192 };
        for (int i = 0; i < lengths.length; i++) {
            String text = question.apply(lengths[i]);
            work[i] = ParseWork.measure(() -> this.parser.read(new ParseRequest("q", text, "UTC"), text)).work();
        }

        for (int i = 0; i < lengths.length; i++) {
            assertThat(work[i] / (double) lengths[i]).as("%s: work per char at %d chars (%s)", kind, lengths[i],
                    List.of(work[0], work[1], work[2], work[3])).isLessThanOrEqualTo(MAX_WORK_PER_CHAR);
        }
        assertThat(work[3] / (double) work[0]).as("%s: work at 8 KiB over work at 1 KiB (%s)", kind,
                List.of(work[0], work[1], work[2], work[3])).isLessThanOrEqualTo(MAX_GROWTH_FROM_1_TO_8_KIB);
    }

    @Test
    void wouldCatchAPatternThatRereadsTheTextQuadratically() {
        Pattern anchoredRun = Pattern.compile("[\",]+$");
        long[] work = new long[2];
        int[] lengths = { 1024, 8192 };
        for (int i = 0; i < 2; i++) {
            String text = "\"".repeat(lengths[i]) + "x";
            work[i] = ParseWork.measure(() -> ParseWork.matcher(anchoredRun, text).find()).work();
        }

        assertThat(work[1] / (double) work[0]).isGreaterThan(50);
    }

    @Test
    void readsAQuestionOfUpToFourKibibytesOfUtf8() {
        String ascii = "what is a kettle?" + "!".repeat(4096 - 17);
        String emoji = "what is a kettle?" + "\uD83D\uDCA1".repeat(1019) + "!!!";

        for (String text : List.of(ascii, emoji)) {
            assertThat(text.getBytes(StandardCharsets.UTF_8)).hasSize(QueryParser.MAX_TEXT_BYTES);
            ParsedQuery parsed = this.parser.parse(new ParseRequest("q", text, "UTC"));

            assertThat(parsed.intent()).isEqualTo(Intent.DEFINE);
            assertThat(parsed.concepts()).containsExactly("kettle");
        }
    }

    @Test
    void refusesToReadAQuestionOverFourKibibytesOfUtf8AndSaysItAskedNothing() {
        String ascii = "what is a kettle?" + "!".repeat(4097 - 17);
        String emoji = "what is a kettle?" + "\uD83D\uDCA1".repeat(1019) + "!!!!";
        String accents = "what is a kettle?" + "é".repeat(2040);

        for (String text : List.of(ascii, emoji, accents)) {
            assertThat(text.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(QueryParser.MAX_TEXT_BYTES);
            ParsedQuery parsed = this.parser.parse(new ParseRequest("q", text, "UTC"));

            assertThat(parsed.queryId()).isEqualTo("q");
            assertThat(parsed.intent()).isEqualTo(Intent.UNKNOWN);
            assertThat(parsed.concepts()).isEmpty();
            assertThat(parsed.unknownPhrases()).isEmpty();
            assertThat(parsed.tasks()).isEmpty();
            assertThat(parsed.reminder()).isNull();
        }
    }

    @Test
    void countsUtf8AsStringGetBytesDoesWithoutEncoding() {
        for (String text : List.of("", "kettle", "é€\uD83D\uDCA1", "lone \uD83D surrogate", "\uDCA1\uD83D")) {
            assertThat(QueryParser.utf8Length(text)).as(text).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        }
    }
}
