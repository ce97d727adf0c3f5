package io.myriad.outputprocessor.composition;

import java.util.Locale;

import io.myriad.contracts.agent.ResultStatus;
import io.myriad.contracts.answer.ComposedAnswer.Contribution;
import io.myriad.contracts.query.Intent;

/**
 * One piece of an answer: what an agent said about a concept, or the sentence saying that piece is missing.
 *
 * @param concept the concept it is about
 * @param intent what was asked
 * @param status how the agent's task ended
 * @param text the agent's answer when {@link #answered()}, otherwise the sentence saying what is missing and why
 * @param agentId the agent that answered (or should have)
 * @param confidence 0 to 1
 */
public record Part(String concept, Intent intent, ResultStatus status, String text, String agentId,
        double confidence) {

    public boolean answered() {
        return this.status == ResultStatus.ANSWERED;
    }

    public Contribution contribution() {
        return new Contribution(this.agentId, this.concept, lowerCase(this.intent), lowerCase(this.status),
                this.confidence);
    }

    private static String lowerCase(Enum<?> value) {
        return (value != null) ? value.name().toLowerCase(Locale.ROOT) : null;
    }
}
