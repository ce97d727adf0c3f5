package io.myriad.orchestrator.query;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import io.myriad.contracts.agent.AgentResult;
import io.myriad.contracts.agent.AgentTask;
import io.myriad.contracts.agent.ResultStatus;
import io.myriad.contracts.answer.ComposedAnswer;
import io.myriad.contracts.answer.ComposedAnswer.Contribution;
import io.myriad.contracts.answer.Format;
import io.myriad.contracts.query.Intent;
import io.myriad.contracts.query.ParsedQuery;
import io.myriad.contracts.query.PlannedTask;
import io.myriad.contracts.query.Priority;
import io.myriad.contracts.reminder.ReminderSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QueryAnswersTest {

    private static final Query QUERY = new Query("q-1", "4bf92f3577b34da6a3ce929d0e0e4736",
            new Question("What is a lightbulb?", Format.MARKDOWN, ZoneId.of("Europe/Paris"), "alice"), 0);

    private static final ParsedQuery PARSED = new ParsedQuery("q-1", Intent.DEFINE, List.of("lightbulb"),
            List.of("flux capacitor"), List.of(new PlannedTask("t1", Intent.DEFINE, "lightbulb", Priority.NORMAL,
                    List.of())), null);

    private static final AgentResult ANSWERED = new AgentResult("q-1", "t1", "definition-lightbulb", "DEFINITION",
            "lightbulb", Intent.DEFINE, ResultStatus.ANSWERED, "A lightbulb makes light.", 0.9, List.of());

    private static final Contribution CONTRIBUTION = new Contribution("definition-lightbulb", "lightbulb", "define",
            "answered", 0.9);

    @Test
    void answersWithTheComposedAnswerItsContributionsAndTheParsedQuery() {
        ComposedAnswer composed = new ComposedAnswer("q-1", Format.MARKDOWN, "**A lightbulb** makes light.",
                List.of(CONTRIBUTION), false);

        QueryAnswer answer = QueryAnswers.composed(QUERY, PARSED, List.of(ANSWERED), composed, 42);

        assertThat(answer).isEqualTo(new QueryAnswer("q-1", "4bf92f3577b34da6a3ce929d0e0e4736",
                "What is a lightbulb?", "define", "answered", "**A lightbulb** makes light.", "markdown", false,
                List.of("lightbulb"), List.of("flux capacitor"), List.of(CONTRIBUTION), null, 42));
        assertThat(QueryAnswers.status(answer)).isEqualTo(QueryStatus.ANSWERED);
    }

    @Test
    void isPartialWhenTheComposerSaysSo() {
        ComposedAnswer composed = new ComposedAnswer("q-1", Format.MARKDOWN, "Half of it.", List.of(CONTRIBUTION),
                true);

        QueryAnswer answer = QueryAnswers.composed(QUERY, PARSED, List.of(ANSWERED), composed, 42);

        assertThat(answer.status()).isEqualTo("partial");
        assertThat(answer.partial()).isTrue();
    }

    @Test
    void isPartialWhenATaskTimedOutEvenIfTheComposerMissedIt() {
        AgentResult timedOut = AgentResult.timedOut(new AgentTask("q-1", "t2", "silent-gramophone", "gramophone",
                Intent.DEFINE, Priority.NORMAL, Instant.EPOCH));
        ComposedAnswer composed = new ComposedAnswer("q-1", Format.MARKDOWN, "A lightbulb makes light.",
                List.of(CONTRIBUTION), false);

        QueryAnswer answer = QueryAnswers.composed(QUERY, PARSED, List.of(ANSWERED, timedOut), composed, 2001);

        assertThat(answer.status()).isEqualTo("partial");
        assertThat(QueryAnswers.status(answer)).isEqualTo(QueryStatus.PARTIAL);
    }

    @Test
    void saysWhenTheReminderIsDueInTheAskersZone() {
        ParsedQuery remind = new ParsedQuery("q-1", Intent.REMIND, List.of("lightbulb"), List.of(), List.of(), null);
        ReminderSpec spec = new ReminderSpec("replace the lightbulb", Instant.parse("2026-11-25T08:00:00Z"),
                "Europe/Paris", null, "tomorrow at 9");

        QueryAnswer answer = QueryAnswers.reminder(QUERY, remind, spec, 7);

        assertThat(answer.status()).isEqualTo("reminder");
        assertThat(answer.intent()).isEqualTo("remind");
        assertThat(answer.reminder()).isEqualTo(spec);
        assertThat(answer.answer()).contains("replace the lightbulb").contains("9:00");
        assertThat(answer.agents()).isEmpty();
        assertThat(answer.partial()).isFalse();
    }

    @Test
    void rendersItsOwnSentencesAsAJsonDocumentWhenJsonWasAsked() {
        Query asJson = new Query("q-2", null,
                new Question("Remind me to water the plants", Format.JSON, ZoneId.of("UTC"), "alice"), 0);
        ParsedQuery remind = new ParsedQuery("q-2", Intent.REMIND, List.of(), List.of(), List.of(), null);

        QueryAnswer answer = QueryAnswers.reminderNotUnderstood(asJson, remind, 3);

        assertThat(answer.format()).isEqualTo("json");
        assertThat(answer.answer()).isEqualTo("{\"text\":\"I could not tell what to remind you of, or when.\"}");
    }

    @Test
    void failsWithoutAParsedQueryWhenTheInputProcessorIsSilent() {
        QueryAnswer answer = QueryAnswers.failed(QUERY, null, "input-processor", 3250);

        assertThat(answer.status()).isEqualTo("failed");
        assertThat(answer.intent()).isNull();
        assertThat(answer.answer()).contains("input-processor");
        assertThat(answer.concepts()).isEmpty();
        assertThat(answer.queryId()).isEqualTo("q-1");
        assertThat(answer.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }
}
