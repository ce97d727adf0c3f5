package io.myriad.inputprocessor.query;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.myriad.contracts.graph.ConceptName;
import io.myriad.contracts.query.Intent;
import io.myriad.contracts.query.ParseRequest;
import io.myriad.contracts.query.ParsedQuery;
import io.myriad.contracts.query.PlannedTask;
import io.myriad.contracts.query.Priority;
import io.myriad.inputprocessor.reminder.ReminderReader;
import io.myriad.inputprocessor.vocabulary.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class QueryParserTest {

    private static final Vocabulary VOCABULARY = Vocabulary.of(List.of(
            new ConceptName("lightbulb", List.of("light bulb")),
            new ConceptName("refrigerator", List.of("fridge")),
            new ConceptName("washing machine", List.of()),
            new ConceptName("battery", List.of()),
            new ConceptName("electricity", List.of()),
            new ConceptName("kettle", List.of()),
            new ConceptName("microwave", List.of()),
            new ConceptName("thomas edison", List.of("edison"))));

    private final Clock clock = Clock.fixed(Instant.parse("2026-06-10T08:00:00Z"), ZoneOffset.UTC);

    private final QueryParser parser = new QueryParser(() -> VOCABULARY, new ReminderReader(), this.clock);

    @ParameterizedTest(name = "\"{0}\" asks to {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            What is a lightbulb?                               | DEFINE   | lightbulb
            What are batteries?                                | DEFINE   | battery
            What's a fridge?                                   | DEFINE   | refrigerator
            Define electricity                                 | DEFINE   | electricity
            What is the meaning of electricity?                | DEFINE   | electricity
            meaning of light bulb                              | DEFINE   | lightbulb
            Tell me about washing machines                     | DEFINE   | washing machine
            Who is Thomas Edison?                              | DEFINE   | thomas edison
            What does a kettle do?                             | FUNCTION | kettle
            How does a refrigerator work?                      | FUNCTION | refrigerator
            How do batteries work                              | FUNCTION | battery
            What is a microwave used for?                      | FUNCTION | microwave
            What is the purpose of a washing machine?          | FUNCTION | washing machine
            What are batteries for?                            | FUNCTION | battery
            """)
    void recognisesWhatASingleQuestionAsksAbout(String text, Intent intent, String concept) {
        ParsedQuery parsed = parse(text);

        assertThat(parsed.intent()).isEqualTo(intent);
        assertThat(parsed.concepts()).containsExactly(concept);
        assertThat(parsed.tasks()).extracting(PlannedTask::taskId, PlannedTask::intent, PlannedTask::concept,
                PlannedTask::priority).containsExactly(tuple("t1", intent, concept, Priority.HIGH));
        assertThat(parsed.unknownPhrases()).isEmpty();
        assertThat(parsed.reminder()).isNull();
    }

    @ParameterizedTest(name = "\"{0}\" asks to {1} {2} and {3}")
    @CsvSource(delimiter = '|', textBlock = """
            How is a lightbulb related to electricity?              | RELATE  | lightbulb    | electricity
            What is the relationship between batteries and electricity? | RELATE | battery  | electricity
            How are kettles and electricity connected?              | RELATE  | kettle       | electricity
            Compare a kettle and a microwave                        | COMPARE | kettle       | microwave
            compare fridges with washing machines                   | COMPARE | refrigerator | washing machine
            What is the difference between a kettle and a microwave? | COMPARE | kettle      | microwave
            kettle vs microwave                                     | COMPARE | kettle       | microwave
            Kettle vs. microwave: which one?                        | COMPARE | kettle       | microwave
            Which is better, a kettle or a microwave?               | COMPARE | kettle       | microwave
            kettle or microwave?                                    | COMPARE | kettle       | microwave
            """)
    void plansOneNormalTaskPerConceptARelationOrComparisonNames(String text, Intent intent, String first,
            String second) {
        ParsedQuery parsed = parse(text);

        assertThat(parsed.intent()).isEqualTo(intent);
        assertThat(parsed.concepts()).containsExactly(first, second);
        assertThat(parsed.tasks()).extracting(PlannedTask::taskId, PlannedTask::intent, PlannedTask::concept,
                PlannedTask::priority)
                .containsExactly(tuple("t1", intent, first, Priority.NORMAL), tuple("t2", intent, second,
                        Priority.NORMAL));
    }

    @Test
    void plansATaskForEachThingAQuestionAsksAndResolvesItToTheConceptBefore() {
        ParsedQuery parsed = parse("What is a lightbulb and what does it do?");

        assertThat(parsed.intent()).isEqualTo(Intent.DEFINE);
        assertThat(parsed.concepts()).containsExactly("lightbulb");
        assertThat(parsed.tasks()).extracting(PlannedTask::taskId, PlannedTask::intent, PlannedTask::concept,
                PlannedTask::priority, PlannedTask::dependsOn)
                .containsExactly(tuple("t1", Intent.DEFINE, "lightbulb", Priority.HIGH, List.of()),
                        tuple("t2", Intent.FUNCTION, "lightbulb", Priority.HIGH, List.of()));
    }

    @Test
    void splitsQuestionsAtSentencesAndCommas() {
        ParsedQuery parsed = parse("How does a fridge work? Also, what is electricity, and how are batteries "
                + "related to electricity?");

        assertThat(parsed.intent()).isEqualTo(Intent.FUNCTION);
        assertThat(parsed.tasks()).extracting(PlannedTask::taskId, PlannedTask::intent, PlannedTask::concept)
                .containsExactly(tuple("t1", Intent.FUNCTION, "refrigerator"), tuple("t2", Intent.DEFINE,
                        "electricity"), tuple("t3", Intent.RELATE, "battery"), tuple("t4", Intent.RELATE,
                                "electricity"));
    }

    @Test
    void definesEveryConceptAListAsksAbout() {
        ParsedQuery parsed = parse("What are lightbulbs, batteries and kettles?");

        assertThat(parsed.tasks()).extracting(PlannedTask::intent, PlannedTask::concept)
                .containsExactly(tuple(Intent.DEFINE, "lightbulb"), tuple(Intent.DEFINE, "battery"),
                        tuple(Intent.DEFINE, "kettle"));
    }

    @Test
    void plansEachIntentAndConceptOnce() {
        ParsedQuery parsed = parse("What is a kettle? What's a kettle? And how does the kettle work?");

        assertThat(parsed.tasks()).extracting(PlannedTask::taskId, PlannedTask::intent, PlannedTask::concept)
                .containsExactly(tuple("t1", Intent.DEFINE, "kettle"), tuple("t2", Intent.FUNCTION, "kettle"));
    }

    @Test
    void reportsTheUnknownPhraseADefinitionAsksAboutWithoutArticlesAndPlansNoTask() {
        ParsedQuery parsed = parse("What is a flux capacitor?");

        assertThat(parsed.intent()).isEqualTo(Intent.DEFINE);
        assertThat(parsed.unknownPhrases()).containsExactly("flux capacitor");
        assertThat(parsed.concepts()).isEmpty();
        assertThat(parsed.tasks()).isEmpty();
    }

    @Test
    void reportsUnknownPhrasesBesideTheConceptsOfTheSameQuestion() {
        ParsedQuery parsed = parse("What does the sonic screwdriver do and what is a battery?");

        assertThat(parsed.intent()).isEqualTo(Intent.DEFINE);
        assertThat(parsed.unknownPhrases()).containsExactly("sonic screwdriver");
        assertThat(parsed.tasks()).extracting(PlannedTask::intent, PlannedTask::concept)
                .containsExactly(tuple(Intent.DEFINE, "battery"));
    }

    @Test
    void splitsAListIntoKnownAndUnknownPhrases() {
        ParsedQuery parsed = parse("What are batteries and the flux capacitor?");

        assertThat(parsed.unknownPhrases()).containsExactly("flux capacitor");
        assertThat(parsed.tasks()).extracting(PlannedTask::concept).containsExactly("battery");
    }

    @Test
    void aComparisonSideNamingNoConceptIsUnknown() {
        ParsedQuery parsed = parse("Compare a kettle and a samovar");

        assertThat(parsed.intent()).isEqualTo(Intent.COMPARE);
        assertThat(parsed.unknownPhrases()).containsExactly("samovar");
        assertThat(parsed.tasks()).extracting(PlannedTask::concept).containsExactly("kettle");
    }

    @Test
    void anOrBetweenPhrasesThatNameNoConceptsIsNoComparison() {
        ParsedQuery parsed = parse("What is a kettle or a samovar?");

        assertThat(parsed.intent()).isEqualTo(Intent.DEFINE);
        assertThat(parsed.tasks()).extracting(PlannedTask::intent, PlannedTask::concept)
                .containsExactly(tuple(Intent.DEFINE, "kettle"));
        assertThat(parsed.unknownPhrases()).containsExactly("samovar");
    }

    @ParameterizedTest(name = "\"{0}\" is not understood")
    @CsvSource(delimiter = '|', textBlock = """
            Hello there|
            lightbulb|lightbulb
            I like my fridge|refrigerator
            ''|
            """)
    void answersUnknownWithNoTasksWhenNoPhrasingIsRecognised(String text, String concept) {
        ParsedQuery parsed = parse(text);

        assertThat(parsed.intent()).isEqualTo(Intent.UNKNOWN);
        assertThat(parsed.tasks()).isEmpty();
        assertThat(parsed.unknownPhrases()).isEmpty();
        assertThat(parsed.concepts()).isEqualTo(concept == null ? List.of() : List.of(concept));
    }

    @Test
    void answersUnknownForAQuestionWithoutText() {
        ParsedQuery parsed = this.parser.parse(new ParseRequest("q-0", null, null));

        assertThat(parsed.queryId()).isEqualTo("q-0");
        assertThat(parsed.intent()).isEqualTo(Intent.UNKNOWN);
        assertThat(parsed.concepts()).isEmpty();
    }

    @Test
    void readsAReminderRequestAsARemindIntentWithoutTasks() {
        ParsedQuery parsed = this.parser.parse(new ParseRequest("q-9",
                "Remind me to replace the lightbulb tomorrow at 9", "Europe/Paris"));

        assertThat(parsed.queryId()).isEqualTo("q-9");
        assertThat(parsed.intent()).isEqualTo(Intent.REMIND);
        assertThat(parsed.tasks()).isEmpty();
        assertThat(parsed.reminder().message()).isEqualTo("replace the lightbulb");
        assertThat(parsed.reminder().expression()).isEqualTo("tomorrow at 9");
        assertThat(parsed.reminder().zone()).isEqualTo("Europe/Paris");
        assertThat(parsed.reminder().dueAt()).isEqualTo(Instant.parse("2026-06-11T07:00:00Z"));
    }

    @Test
    void readsARemindIntentWithoutAReminderWhenItSaysNoTimeItUnderstands() {
        ParsedQuery parsed = parse("Remind me to buy lightbulbs sometime");

        assertThat(parsed.intent()).isEqualTo(Intent.REMIND);
        assertThat(parsed.tasks()).isEmpty();
        assertThat(parsed.reminder()).isNull();
        assertThat(parsed.concepts()).containsExactly("lightbulb");
    }

    @Test
    void readsAReminderInUtcWhenTheZoneIsMissingOrInvalid() {
        ParsedQuery missing = this.parser.parse(new ParseRequest("q-1", "remind me to call mum at 17:30", null));
        ParsedQuery invalid = this.parser.parse(new ParseRequest("q-2", "remind me to call mum at 17:30",
                "Mars/Olympus_Mons"));

        assertThat(missing.reminder().zone()).isEqualTo("UTC");
        assertThat(missing.reminder().dueAt()).isEqualTo(Instant.parse("2026-06-10T17:30:00Z"));
        assertThat(invalid.reminder().zone()).isEqualTo("UTC");
        assertThat(invalid.reminder().dueAt()).isEqualTo(Instant.parse("2026-06-10T17:30:00Z"));
    }

    @Test
    void answersARemindIntentWithABlankMessageWhenTheQuestionSaysOnlyWhenForTheOrchestratorToRefuse() {
        ParsedQuery parsed = parse("remind me tomorrow at 9");

        assertThat(parsed.intent()).isEqualTo(Intent.REMIND);
        assertThat(parsed.reminder().message()).isBlank();
        assertThat(parsed.reminder().expression()).isEqualTo("tomorrow at 9");
    }

    private ParsedQuery parse(String text) {
        return this.parser.parse(new ParseRequest("q-1", text, "UTC"));
    }
}
