package io.myriad.inputprocessor.query;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.myriad.contracts.query.Intent;
import io.myriad.contracts.query.ParseRequest;
import io.myriad.contracts.query.ParsedQuery;
import io.myriad.contracts.query.PlannedTask;
import io.myriad.contracts.query.Priority;
import io.myriad.contracts.reminder.ReminderSpec;
import io.myriad.inputprocessor.reminder.ReminderReader;
import io.myriad.inputprocessor.vocabulary.Vocabulary;
import io.myriad.inputprocessor.vocabulary.VocabularySource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Turns a question into a {@link ParsedQuery}: a reminder request into a {@link ReminderSpec}; anything else,
 * clause by clause, into one task per (intent, concept) it asks about, in the order asked. A pronoun ("what does
 * it do") stands for the concepts of the clause before. The main intent is the first task's, else the first
 * recognised clause's (a question about an unknown phrase still has one), else {@link Intent#UNKNOWN}.
 *
 * <p>Its cost is linear in the question's length (ParseCostTest counts it), and it reads no question longer than
 * {@link #MAX_TEXT_BYTES}: the orchestrator's API refuses longer ones, and this service does not rely on that.
 */
@Component
public class QueryParser {

    private static final Logger log = LoggerFactory.getLogger(QueryParser.class);

    /** The longest question read, in UTF-8 bytes: the orchestrator's limit on {@code POST /api/v1/queries}. */
    public static final int MAX_TEXT_BYTES = 4096;

    private static final ZoneId UTC = ZoneId.of("UTC");

    private final VocabularySource vocabularySource;

    private final ReminderReader reminderReader;

    private final Clock clock;

    private final IntentRecognizer recognizer = new IntentRecognizer();

    public QueryParser(VocabularySource vocabularySource, ReminderReader reminderReader, Clock clock) {
        this.vocabularySource = vocabularySource;
        this.reminderReader = reminderReader;
        this.clock = clock;
    }

    /**
     * What {@code request} asks. A question over {@link #MAX_TEXT_BYTES} is not read at all: it asks nothing
     * ({@link Intent#UNKNOWN}, no concepts, tasks or reminder), so the orchestrator answers that it did not
     * understand, rather than this service guessing at a truncated question.
     */
    public ParsedQuery parse(ParseRequest request) {
        String text = request.text() == null ? "" : request.text();
        if (utf8Length(text) > MAX_TEXT_BYTES) {
            log.warn("Query {} not parsed: its text is over {} bytes of UTF-8", request.queryId(), MAX_TEXT_BYTES);
            return new ParsedQuery(request.queryId(), Intent.UNKNOWN, List.of(), List.of(), List.of(), null);
        }
        return read(request, text);
    }

    /** What {@code text} asks, however long: {@link #parse} without the limit, for a test to go past it. */
    ParsedQuery read(ParseRequest request, String text) {
        Vocabulary vocabulary = this.vocabularySource.current();
        String normalized = Clauses.normalize(text);
        List<String> concepts = vocabulary.conceptsIn(normalized);
        if (this.reminderReader.isReminder(text)) {
            ZoneId zone = zoneOf(request);
            Optional<ReminderSpec> reminder = this.reminderReader.read(text, zone, this.clock.instant());
            return new ParsedQuery(request.queryId(), Intent.REMIND, concepts, List.of(), List.of(),
                    reminder.orElse(null));
        }
        Set<TaskKey> asked = new LinkedHashSet<>();
        Set<String> unknown = new LinkedHashSet<>();
        Intent firstRecognised = null;
        List<String> previous = List.of();
        for (String clause : Clauses.of(normalized)) {
            Optional<Recognition> recognition = this.recognizer.recognize(clause, vocabulary);
            if (recognition.isEmpty()) {
                List<String> named = vocabulary.conceptsIn(clause);
                previous = named.isEmpty() ? previous : named;
                continue;
            }
            Intent intent = recognition.get().intent();
            firstRecognised = firstRecognised == null ? intent : firstRecognised;
            Set<String> named = new LinkedHashSet<>();
            for (String phrase : recognition.get().phrases()) {
                if (Phrases.isPronoun(phrase)) {
                    named.addAll(previous);
                    continue;
                }
                named.addAll(vocabulary.conceptsIn(phrase));
                if (recognition.get().reportsUnknown()) {
                    unknown.addAll(Phrases.unknownParts(phrase, vocabulary));
                }
            }
            named.forEach((concept) -> asked.add(new TaskKey(intent, concept)));
            previous = named.isEmpty() ? previous : List.copyOf(named);
        }
        List<PlannedTask> tasks = number(asked);
        Intent intent = tasks.isEmpty() ? (firstRecognised == null ? Intent.UNKNOWN : firstRecognised)
                : tasks.getFirst().intent();
        return new ParsedQuery(request.queryId(), intent, concepts, List.copyOf(unknown), tasks, null);
    }

    /**
     * The length of {@code text} in UTF-8 as {@link String#getBytes} encodes it (a lone surrogate as one byte),
     * counted without encoding it, and only until it is over the limit.
     */
    static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length() && bytes <= MAX_TEXT_BYTES; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            }
            else if (c < 0x800) {
                bytes += 2;
            }
            else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            }
            else if (Character.isSurrogate(c)) {
                bytes += 1;
            }
            else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static List<PlannedTask> number(Set<TaskKey> asked) {
        List<PlannedTask> tasks = new ArrayList<>(asked.size());
        for (TaskKey key : asked) {
            tasks.add(new PlannedTask("t" + (tasks.size() + 1), key.intent(), key.concept(), priorityOf(key.intent()),
                    List.of()));
        }
        return List.copyOf(tasks);
    }

    private static Priority priorityOf(Intent intent) {
        return (intent == Intent.DEFINE || intent == Intent.FUNCTION) ? Priority.HIGH : Priority.NORMAL;
    }

    private static ZoneId zoneOf(ParseRequest request) {
        if (request.zone() == null || request.zone().isBlank()) {
            return UTC;
        }
        try {
            return ZoneId.of(request.zone().trim());
        }
        catch (DateTimeException ex) {
            log.warn("Query {} gave an unknown time zone '{}': reading its times in UTC", request.queryId(),
                    request.zone());
            return UTC;
        }
    }

    private record TaskKey(Intent intent, String concept) {
    }
}
