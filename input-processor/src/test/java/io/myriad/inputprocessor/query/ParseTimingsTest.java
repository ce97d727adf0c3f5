package io.myriad.inputprocessor.query;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.function.IntFunction;

import io.myriad.contracts.query.ParseRequest;
import io.myriad.inputprocessor.reminder.ReminderReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prints how long the parser takes on each adversarial question of 4 KiB, for a report; asserts nothing, since
 * timings are not evidence on a shared machine (ParseCostTest counts instead). Run with {@code -Dparse.timings=true}.
 */
@EnabledIfSystemProperty(named = "parse.timings", matches = "true")
class ParseTimingsTest {

    private final QueryParser parser = new QueryParser(() -> AdversarialQuestions.VOCABULARY, new ReminderReader(),
            Clock.systemUTC());

    @Test
    void printsTheTimeToParseEachAdversarialQuestionOf4KiB() {
        for (int round = 0; round < 10; round++) {
            for (Map.Entry<String, IntFunction<String>> kind : AdversarialQuestions.KINDS.entrySet()) {
                String text = fitting(kind.getValue());
                long best = Long.MAX_VALUE;
                String failure = null;
                for (int i = 0; i < 5 && failure == null; i++) {
                    long start = System.nanoTime();
                    try {
                        this.parser.parse(new ParseRequest("q", text, "UTC"));
                    }
                    catch (RuntimeException | StackOverflowError ex) {
                        failure = ex.getClass().getSimpleName();
                    }
                    best = Math.min(best, System.nanoTime() - start);
                }
                if (round == 9) {
                    System.out.printf("PARSE-TIMING %-28s %5d B %10.3f ms %s%n", kind.getKey(),
                            text.getBytes(StandardCharsets.UTF_8).length, best / 1e6,
                            (failure != null) ? failure : "");
                }
            }
        }
    }

    /** The longest question of this kind, from 4000 chars down, that is at most 4 KiB of UTF-8. */
    private static String fitting(IntFunction<String> kind) {
        for (int length = 4000;; length -= 16) {
            String text = kind.apply(length);
            if (text.getBytes(StandardCharsets.UTF_8).length <= 4096) {
                return text;
            }
        }
    }
}
