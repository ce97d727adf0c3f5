package io.myriad.outputprocessor.rendering;

import java.util.List;

import io.myriad.contracts.agent.AgentResult;
import io.myriad.contracts.answer.ComposeRequest;
import io.myriad.contracts.answer.Format;
import io.myriad.outputprocessor.composition.AnswerComposer;
import io.myriad.outputprocessor.composition.Composition;

import static io.myriad.contracts.query.Intent.COMPARE;
import static io.myriad.contracts.query.Intent.DEFINE;
import static io.myriad.contracts.query.Intent.FUNCTION;
import static io.myriad.outputprocessor.AgentResults.answered;
import static io.myriad.outputprocessor.AgentResults.timedOut;

/** The compositions the renderer tests render, made by the real composer. */
final class Compositions {

    private Compositions() {
    }

    static Composition of(String question, List<AgentResult> results, List<String> unknownPhrases) {
        return new AnswerComposer().compose(new ComposeRequest("q-1", question, Format.TEXT, results,
                unknownPhrases));
    }

    /** "What is a lightbulb and what does it do?" fully answered. */
    static Composition lightbulb() {
        return of("What is a lightbulb and what does it do?",
                List.of(answered("lightbulb", FUNCTION, "function-lightbulb", "It turns electricity into light", 0.8),
                        answered("lightbulb", DEFINE, "definition-lightbulb", "A lightbulb is an electric lamp.",
                                0.92)),
                List.of());
    }

    /** The same question, the function agent too slow. */
    static Composition lightbulbWithoutFunction() {
        return of("What is a lightbulb and what does it do?",
                List.of(answered("lightbulb", DEFINE, "definition-lightbulb", "A lightbulb is an electric lamp.",
                        0.92), timedOut("lightbulb", FUNCTION, "function-lightbulb")),
                List.of());
    }

    /** "Compare a candle and a lightbulb". */
    static Composition candleAndLightbulb() {
        return of("Compare a candle and a lightbulb",
                List.of(answered("lightbulb", COMPARE, "comparison-lightbulb", "A lightbulb is electric.", 0.7),
                        answered("candle", COMPARE, "comparison-candle", "A candle burns wax.", 0.65)),
                List.of());
    }

    /** A question about a flux capacitor, which nobody knows. */
    static Composition fluxCapacitor() {
        return of("What is a flux capacitor?", List.of(), List.of("flux capacitor"));
    }

    static Composition nothing() {
        return of("Hmm?", List.of(), List.of());
    }
}
