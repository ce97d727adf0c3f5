package io.myriad.orchestrator.query;

import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.myriad.contracts.agent.AgentResult;
import io.myriad.contracts.agent.ResultStatus;
import io.myriad.contracts.answer.ComposedAnswer;
import io.myriad.contracts.answer.Format;
import io.myriad.contracts.query.Intent;
import io.myriad.contracts.query.ParsedQuery;
import io.myriad.contracts.reminder.ReminderSpec;
import tools.jackson.databind.json.JsonMapper;

/** Assembles the answer document from what the pipeline's hops returned. */
final class QueryAnswers {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
            .withLocale(Locale.ENGLISH);

    private QueryAnswers() {
    }

    /** The composed answer; partial when the composer says so or when a task came back without an answer. */
    static QueryAnswer composed(Query query, ParsedQuery parsed, List<AgentResult> results, ComposedAnswer composed,
            long durationMs) {
        boolean partial = composed.partial()
                || results.stream().anyMatch(result -> result.status() != ResultStatus.ANSWERED);
        QueryStatus status = partial ? QueryStatus.PARTIAL : QueryStatus.ANSWERED;
        return new QueryAnswer(query.id(), query.traceId(), query.question().text(), intent(parsed.intent()),
                status.label(), composed.content(), format(query), partial, parsed.concepts(),
                parsed.unknownPhrases(), composed.contributions(), null, durationMs);
    }

    /** A reminder handed to the reminder-service. */
    static QueryAnswer reminder(Query query, ParsedQuery parsed, ReminderSpec reminder, long durationMs) {
        String when = reminder.dueAt().atZone(query.question().zone()).format(WHEN);
        String text = "I will remind you to " + reminder.message() + " on " + when
                + ((reminder.recurrence() != null) ? ", and again as you asked." : ".");
        return new QueryAnswer(query.id(), query.traceId(), query.question().text(), intent(parsed.intent()),
                QueryStatus.REMINDER.label(), render(query, text), format(query), false, parsed.concepts(), parsed.unknownPhrases(),
                List.of(), reminder, durationMs);
    }

    /** A reminder question in which the input-processor found no time or no message. */
    static QueryAnswer reminderNotUnderstood(Query query, ParsedQuery parsed, long durationMs) {
        return new QueryAnswer(query.id(), query.traceId(), query.question().text(), intent(parsed.intent()),
                QueryStatus.FAILED.label(), render(query, "I could not tell what to remind you of, or when."),
                format(query), false,
                parsed.concepts(), parsed.unknownPhrases(), List.of(), null, durationMs);
    }

    /** A query that a service it cannot do without left unanswered. */
    static QueryAnswer reminderRefused(Query query, ParsedQuery parsed, long durationMs) {
        return new QueryAnswer(query.id(), query.traceId(), query.question().text(), intent(parsed.intent()),
                QueryStatus.REJECTED.label(), render(query, "That reminder cannot be set; no reminder was made."),
                format(query), false, parsed.concepts(), parsed.unknownPhrases(), List.of(), parsed.reminder(),
                durationMs);
    }

    static QueryAnswer failed(Query query, ParsedQuery parsed, String hop, long durationMs) {
        return new QueryAnswer(query.id(), query.traceId(), query.question().text(),
                (parsed != null) ? intent(parsed.intent()) : null, QueryStatus.FAILED.label(),
                render(query, "The " + hop + " did not answer in time; please ask again."), format(query), true,
                (parsed != null) ? parsed.concepts() : List.of(),
                (parsed != null) ? parsed.unknownPhrases() : List.of(), List.of(), null, durationMs);
    }

    static QueryAnswer broken(Query query, ParsedQuery parsed, long durationMs) {
        return new QueryAnswer(query.id(), query.traceId(), query.question().text(),
                (parsed != null) ? intent(parsed.intent()) : null, QueryStatus.FAILED.label(),
                render(query, "The question could not be answered: the orchestrator hit an error."), format(query),
                true, (parsed != null) ? parsed.concepts() : List.of(),
                (parsed != null) ? parsed.unknownPhrases() : List.of(), List.of(), null, durationMs);
    }

    static QueryStatus status(QueryAnswer answer) {
        return QueryStatus.valueOf(answer.status().toUpperCase(Locale.ROOT));
    }

    /** The orchestrator's own sentences in the format asked for: plain text is already valid markdown. */
    private static String render(Query query, String text) {
        return (query.question().format() == Format.JSON) ? JSON.writeValueAsString(Map.of("text", text)) : text;
    }

    private static String intent(Intent intent) {
        return (intent != null) ? intent.name().toLowerCase(Locale.ROOT) : null;
    }

    private static String format(Query query) {
        return query.question().format().name().toLowerCase(Locale.ROOT);
    }
}
