package io.myriad.inputprocessor;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.myriad.contracts.Topics;
import io.myriad.contracts.graph.ConceptName;
import io.myriad.contracts.graph.ConceptsChanged;
import io.myriad.contracts.query.Intent;
import io.myriad.contracts.query.ParseRequest;
import io.myriad.contracts.query.ParsedQuery;
import io.myriad.contracts.query.PlannedTask;
import io.myriad.contracts.query.Priority;
import io.myriad.inputprocessor.vocabulary.ConceptChangesListener;
import io.myriad.inputprocessor.vocabulary.ConceptVocabulary;
import io.myriad.inputprocessor.vocabulary.GraphdbConceptNamesServer;
import io.myriad.testsupport.RealKafka;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.requestreply.ReplyingKafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

/**
 * The input-processor as the orchestrator uses it: parse requests over a real Kafka broker, answered through
 * Spring Kafka's request/reply, with the vocabulary loaded from {@link GraphdbConceptNamesServer}, a stand-in
 * speaking graphdb-manager's {@code GET /api/v1/concepts/names} contract (the fleet tests cover the real one).
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = { "management.server.port=0",
        "myriad.input-processor.vocabulary.refresh-interval=1h",
        "myriad.input-processor.vocabulary.retry-interval=200ms" })
@RealKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParsesQueriesOverKafkaIT {

    private static final String REPLIES = "input-processor-it.replies";

    private static final List<ConceptName> SEED = List.of(new ConceptName("lightbulb", List.of("light bulb")),
            new ConceptName("refrigerator", List.of("fridge")), new ConceptName("electricity", List.of()));

    private static final GraphdbConceptNamesServer GRAPHDB = GraphdbConceptNamesServer.start(SEED);

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    private ProducerFactory<Object, Object> producerFactory;

    @Autowired
    private ConsumerFactory<Object, Object> consumerFactory;

    @Autowired
    private KafkaTemplate<Object, Object> kafka;

    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    @Autowired
    private ConceptVocabulary vocabulary;

    @LocalServerPort
    private int serverPort;

    @LocalManagementPort
    private int managementPort;

    private ReplyingKafkaTemplate<Object, Object, Object> orchestrator;

    @DynamicPropertySource
    static void graphdb(DynamicPropertyRegistry registry) {
        registry.add("myriad.graphdb.url", () -> GRAPHDB.url().toString());
    }

    @BeforeAll
    void connectLikeTheOrchestrator() throws InterruptedException {
        ContainerProperties properties = new ContainerProperties(REPLIES);
        properties.setGroupId("input-processor-it-" + UUID.randomUUID());
        this.orchestrator = new ReplyingKafkaTemplate<>(this.producerFactory,
                new KafkaMessageListenerContainer<>(this.consumerFactory, properties));
        this.orchestrator.setDefaultReplyTimeout(Duration.ofSeconds(20));
        this.orchestrator.setSharedReplyTopic(true);
        this.orchestrator.start();
        assertThat(this.orchestrator.waitForAssignment(Duration.ofSeconds(30))).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(this.vocabulary::isLoaded);
    }

    @AfterAll
    void disconnect() {
        this.orchestrator.stop();
        GRAPHDB.close();
    }

    @Test
    void answersAParseRequestWithTheTasksTheQuestionAsksFor() throws Exception {
        ParsedQuery parsed = parse(new ParseRequest("it-define", "What is a light bulb and what does it do?", null));

        assertThat(parsed.queryId()).isEqualTo("it-define");
        assertThat(parsed.intent()).isEqualTo(Intent.DEFINE);
        assertThat(parsed.concepts()).containsExactly("lightbulb");
        assertThat(parsed.unknownPhrases()).isEmpty();
        assertThat(parsed.tasks()).extracting(PlannedTask::taskId, PlannedTask::intent, PlannedTask::concept,
                PlannedTask::priority)
                .containsExactly(tuple("t1", Intent.DEFINE, "lightbulb", Priority.HIGH),
                        tuple("t2", Intent.FUNCTION, "lightbulb", Priority.HIGH));
        assertThat(parsed.reminder()).isNull();
    }

    @Test
    void answersAReminderRequestWithItsTimeResolvedInTheCallersZone() throws Exception {
        Instant before = Instant.now();

        ParsedQuery parsed = parse(new ParseRequest("it-remind", "Remind me to defrost the fridge in 10 minutes",
                "Asia/Tokyo"));

        assertThat(parsed.intent()).isEqualTo(Intent.REMIND);
        assertThat(parsed.tasks()).isEmpty();
        assertThat(parsed.reminder().message()).isEqualTo("defrost the fridge");
        assertThat(parsed.reminder().expression()).isEqualTo("in 10 minutes");
        assertThat(parsed.reminder().zone()).isEqualTo("Asia/Tokyo");
        assertThat(parsed.reminder().dueAt()).isBetween(before.plus(Duration.ofMinutes(10)),
                Instant.now().plus(Duration.ofMinutes(10)));
    }

    @Test
    void matchesAConceptGraphdbManagerServesOnceItAnnouncesTheChange() throws Exception {
        List<ConceptName> grown = new java.util.ArrayList<>(SEED);
        grown.add(new ConceptName("electric kettle", List.of("kettle")));
        GRAPHDB.serve(grown);
        ParsedQuery cached = parse(new ParseRequest("it-before", "What is an electric kettle?", "UTC"));
        assertThat(cached.unknownPhrases()).as("the vocabulary is cached, not fetched per query")
                .containsExactly("electric kettle");
        MessageListenerContainer changes = this.listeners.getListenerContainer(ConceptChangesListener.LISTENER_ID);
        await().atMost(Duration.ofSeconds(30)).until(() -> changes.getAssignedPartitions() != null
                && !changes.getAssignedPartitions().isEmpty());

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            // Sent again on each attempt: a consumer reading from "latest" may resolve its position just after
            // the first send; each event is a reason to reload on its own.
            this.kafka.send(Topics.CONCEPT_CHANGES, new ConceptsChanged(List.of("electric kettle")))
                    .get(10, TimeUnit.SECONDS);
            ParsedQuery parsed = parse(new ParseRequest("it-after", "How does a kettle work?", "UTC"));
            assertThat(parsed.concepts()).containsExactly("electric kettle");
            assertThat(parsed.tasks()).extracting(PlannedTask::intent, PlannedTask::concept)
                    .containsExactly(tuple(Intent.FUNCTION, "electric kettle"));
        });
    }

    @Test
    void exposesTheParserMetricsInPrometheus() throws Exception {
        parse(new ParseRequest("it-metrics", "What is a flux capacitor? Compare a fridge and a lightbulb", "UTC"));

        String metrics = get(this.managementPort, "/actuator/prometheus").body();

        for (Intent intent : Intent.values()) {
            assertThat(metrics).containsPattern("input_intents_total\\{[^}]*intent=\""
                    + intent.name().toLowerCase(java.util.Locale.ROOT) + "\"");
        }
        assertThat(metrics).containsPattern("input_concepts_matched_total\\{[^}]*} [1-9]")
                .containsPattern("input_concepts_unknown_total\\{[^}]*} [1-9]")
                .containsPattern("input_parse_duration_seconds_bucket\\{[^}]*le=\"0\\.005\"")
                .containsPattern("input_parse_duration_seconds_count\\{[^}]*} [1-9]")
                .containsPattern("input_vocabulary_size\\{[^}]*} [1-9]")
                .containsPattern("input_vocabulary_refreshes_total\\{[^}]*outcome=\"success\"[^}]*} [1-9]")
                .containsPattern("input_vocabulary_refreshes_total\\{[^}]*outcome=\"failure\"");
    }

    @Test
    void answersAnUnknownPathWithAProblemDetail() throws Exception {
        HttpResponse<String> response = get(this.serverPort, "/api/v1/nothing-here");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying((type) ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":404").doesNotContain("Exception");
    }

    private ParsedQuery parse(ParseRequest request) throws Exception {
        ProducerRecord<Object, Object> record = new ProducerRecord<>(Topics.QUERY_PARSE, request.queryId(), request);
        return (ParsedQuery) this.orchestrator.sendAndReceive(record).get(30, TimeUnit.SECONDS).value();
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class OrchestratorReplies {

        @Bean
        NewTopic orchestratorReplies() {
            return TopicBuilder.name(REPLIES).partitions(1).replicas(1).build();
        }
    }
}
