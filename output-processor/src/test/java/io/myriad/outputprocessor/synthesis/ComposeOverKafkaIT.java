package io.myriad.outputprocessor.synthesis;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.myriad.contracts.Topics;
import io.myriad.contracts.answer.ComposeRequest;
import io.myriad.contracts.answer.ComposedAnswer;
import io.myriad.contracts.answer.ComposedAnswer.Contribution;
import io.myriad.contracts.answer.Format;
import io.myriad.testsupport.RealKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.requestreply.ReplyingKafkaTemplate;

import static io.myriad.contracts.query.Intent.DEFINE;
import static io.myriad.contracts.query.Intent.FUNCTION;
import static io.myriad.outputprocessor.AgentResults.answered;
import static io.myriad.outputprocessor.AgentResults.timedOut;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

/**
 * The orchestrator's side of the compose hop, over a real broker: a {@link ComposeRequest} sent request/reply,
 * the {@link ComposedAnswer} that comes back, the trace it stays in, and the series it leaves in Prometheus.
 * Same configuration as the application's contract test, so both share one application context.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = "management.server.port=0")
@RealKafka
class ComposeOverKafkaIT {

    private static final String REPLIES = "output-processor-it.replies";

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Autowired
    private ProducerFactory<?, ?> producerFactory;

    @Autowired
    private ConsumerFactory<?, ?> consumerFactory;

    @Autowired
    private KafkaAdmin admin;

    @LocalManagementPort
    private int managementPort;

    private ReplyingKafkaTemplate<String, Object, Object> orchestrator;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void startTheOrchestratorsReplyingTemplate() throws InterruptedException {
        this.admin.createOrModifyTopics(TopicBuilder.name(REPLIES).partitions(1).replicas(1).build());
        ContainerProperties replies = new ContainerProperties(REPLIES);
        replies.setGroupId("output-processor-it");
        this.orchestrator = new ReplyingKafkaTemplate<>((ProducerFactory<String, Object>) this.producerFactory,
                new KafkaMessageListenerContainer<>((ConsumerFactory<String, Object>) this.consumerFactory,
                        replies));
        this.orchestrator.setDefaultReplyTimeout(Duration.ofSeconds(30));
        this.orchestrator.start();
        assertThat(this.orchestrator.waitForAssignment(Duration.ofSeconds(30))).as("reply topic assigned").isTrue();
    }

    @AfterEach
    void stopTheOrchestratorsReplyingTemplate() {
        this.orchestrator.stop();
    }

    @Test
    void repliesWithAPartialAnswerInTheRequestsTrace() throws Exception {
        // given a compose request in a trace, the function agent too slow
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        ComposeRequest request = new ComposeRequest("q-it-1", "What is a lightbulb and what does it do?",
                Format.TEXT,
                List.of(timedOut("lightbulb", FUNCTION, "function-lightbulb"),
                        answered("lightbulb", DEFINE, "definition-lightbulb", "A lightbulb is an electric lamp.",
                                0.92)),
                List.of("flux capacitor"));

        // when the orchestrator sends it and waits for the reply
        ConsumerRecord<String, Object> reply = send(request, traceId);

        // then the answer is composed, credited and marked partial
        assertThat(reply.value()).isInstanceOf(ComposedAnswer.class);
        ComposedAnswer answer = (ComposedAnswer) reply.value();
        assertThat(answer.queryId()).isEqualTo("q-it-1");
        assertThat(answer.format()).isEqualTo(Format.TEXT);
        assertThat(answer.partial()).isTrue();
        assertThat(answer.content()).isEqualTo("""
                A lightbulb is an electric lamp. (definition-lightbulb, confidence 0.92)
                The function of lightbulb is missing: agent function-lightbulb did not answer in time.

                I don't know what a flux capacitor is yet.""");
        assertThat(answer.contributions()).containsExactly(
                new Contribution("definition-lightbulb", "lightbulb", "define", "answered", 0.92),
                new Contribution("function-lightbulb", "lightbulb", "function", "timed_out", 0));
        // and the reply carries on the request's trace
        Header traceparent = reply.headers().lastHeader("traceparent");
        assertThat(traceparent).as("reply's traceparent").isNotNull();
        assertThat(new String(traceparent.value(), StandardCharsets.US_ASCII)).startsWith("00-" + traceId + "-");
    }

    @Test
    void exposesSynthesisSeriesForEveryFormatInPrometheus() throws Exception {
        // given one answer composed in JSON
        ConsumerRecord<String, Object> reply = send(new ComposeRequest("q-it-2", "What is a kettle?", Format.JSON,
                List.of(answered("kettle", DEFINE, "definition-kettle", "A kettle boils water.", 0.8)), List.of()),
                HexFormat.of().formatHex(randomBytes(16)));
        assertThat(((ComposedAnswer) reply.value()).content()).contains("\"agent\":\"definition-kettle\"");

        // when an operator scrapes the service
        HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + this.managementPort + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(scrape.statusCode()).isEqualTo(200);
        String metrics = scrape.body();
        assertThat(metrics).containsPattern("(?m)^output_synthesis_total\\{[^}]*format=\"json\"[^}]*\\} [1-9]");
        for (String format : List.of("text", "markdown")) {
            assertThat(metrics).containsPattern("(?m)^output_synthesis_total\\{[^}]*format=\"" + format + "\"");
        }
        assertThat(metrics).containsPattern(
                "(?m)^output_synthesis_duration_seconds_bucket\\{[^}]*format=\"json\"[^}]*le=\"0\\.005\"");
        assertThat(metrics).containsPattern("(?m)^output_answers_partial_total\\{");
        assertThat(metrics).containsPattern("(?m)^output_contributions_count\\{[^}]*\\} [1-9]");
    }

    private ConsumerRecord<String, Object> send(ComposeRequest request, String traceId) throws Exception {
        ProducerRecord<String, Object> record = new ProducerRecord<>(Topics.ANSWER_COMPOSE, request.queryId(),
                request);
        String parentSpan = HexFormat.of().formatHex(randomBytes(8));
        record.headers().add("traceparent",
                ("00-" + traceId + "-" + parentSpan + "-01").getBytes(StandardCharsets.US_ASCII));
        return this.orchestrator.sendAndReceive(record).get(30, TimeUnit.SECONDS);
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
