package io.myriad.fleet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.myriad.contracts.Topics;
import io.myriad.testsupport.JwtKeys;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static io.myriad.fleet.LocalFleet.JSON;
import static io.myriad.fleet.LocalFleet.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A reminder asked for in a question, end to end: the orchestrator hands it to the reminder-service over Kafka, and
 * a minute later it arrives once on the user's open WebSocket, with its audit events on {@code myriad.audit}, all in
 * the question's trace. The token is signed with the key {@code ./myriad up} made, as {@code ./myriad token} does.
 */
@ExtendWith(LocalFleet.Resolver.class)
class ReminderFleetIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private static LocalFleet fleet;

    private static JwtKeys keys;

    @BeforeAll
    static void fleet(LocalFleet localFleet) throws IOException {
        fleet = localFleet;
        keys = JwtKeys.signingWith(LocalFleet.ROOT.resolve(".myriad/keys/jwt.key.pem"));
    }

    @Test
    void aReminderAskedForInAQuestionArrivesOnTheUsersWebSocketInAMinuteAuditedAndInOneTrace() throws Exception {
        String user = "fleet-" + UUID.randomUUID();
        // One token for both, as ./myriad token makes it: the question's asker is the reminder's owner.
        String token = LocalFleet.userToken(user);
        LinkedBlockingQueue<String> pushed = new LinkedBlockingQueue<>();
        WebSocket socket = HTTP.newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .buildAsync(URI.create(fleet.url("reminder-service").replace("http:", "ws:") + "/ws/reminders"),
                        new WebSocket.Listener() {
                            @Override
                            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                                pushed.add(data.toString());
                                webSocket.request(1);
                                return null;
                            }
                        })
                .get(10, TimeUnit.SECONDS);

        HttpResponse<String> asked = HTTP.send(HttpRequest.newBuilder(
                        URI.create(fleet.url("orchestrator") + "/api/v1/queries"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"text\":\"remind me to replace the lightbulb in 1 minute\",\"zone\":\"UTC\"}"))
                .timeout(Duration.ofSeconds(20))
                .build(), HttpResponse.BodyHandlers.ofString());
        Instant askedAt = Instant.now();
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(asked.body());
        assertThat(answer.path("status").asString()).as(answer.toString()).isEqualTo("reminder");
        String traceId = answer.path("traceId").asString();

        // The reminder is the user's (once the command crossed Kafka), due in a minute, and nobody else can read it.
        JsonNode reminder = await("the reminder-service to have the reminder").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> JSON.readTree(api("/api/v1/reminders", token).body()).path("items"),
                        (items) -> items.size() == 1)
                .get(0);
        assertThat(reminder.path("message").asString()).isEqualTo("replace the lightbulb");
        assertThat(reminder.path("origin").asString()).isEqualTo("query");
        assertThat(Duration.between(askedAt, Instant.parse(reminder.path("dueAt").asString())).abs())
                .isLessThan(Duration.ofMinutes(1).plusSeconds(5)).isGreaterThan(Duration.ofSeconds(50));
        String id = reminder.path("id").asString();
        assertThat(api("/api/v1/reminders/" + id, null).statusCode()).isEqualTo(401);
        String other = keys.token("myriad-local", "myriad-reminders", "someone-else", Duration.ofMinutes(5));
        assertThat(api("/api/v1/reminders/" + id, other).statusCode()).isEqualTo(404);

        // A minute later: one message on the open WebSocket, on time.
        String message = pushed.poll(90, TimeUnit.SECONDS);
        assertThat(message).as("an in-app delivery within 90 s").isNotNull();
        JsonNode delivery = JSON.readTree(message);
        Instant arrived = Instant.now();
        assertThat(delivery.path("deliveryId").asString()).isEqualTo(id + "-1-in_app");
        assertThat(delivery.path("message").asString()).isEqualTo("replace the lightbulb");
        assertThat(delivery.path("late").asBoolean()).isFalse();
        assertThat(Duration.between(Instant.parse(delivery.path("dueAt").asString()), arrived))
                .isLessThan(Duration.ofSeconds(5));
        assertThat(pushed.poll(2, TimeUnit.SECONDS)).as("delivered once").isNull();
        assertThat(JSON.readTree(api("/api/v1/inbox", token).body())).isEmpty();
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);

        // Audited on myriad.audit, keyed by the user.
        assertThat(auditActions(user)).contains("created reminder", "delivered delivery");

        // The question, the command over Kafka and the delivery a minute later are one trace.
        await("the delivery's spans in the question's trace").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    List<JsonNode> spans = trace(traceId);
                    Map<String, Set<String>> names = spans.stream().collect(Collectors.groupingBy(
                            span -> span.path("localEndpoint").path("serviceName").asString(),
                            Collectors.mapping(span -> span.path("name").asString(), Collectors.toSet())));
                    assertThat(names).containsKeys("orchestrator", "input-processor", "reminder-service");
                    assertThat(names.get("reminder-service")).contains(Topics.REMINDER_COMMANDS + " process",
                            "reminder fire", "reminder deliver in_app", Topics.AUDIT + " send");
                    Set<String> ids = spans.stream().map(span -> span.path("id").asString())
                            .collect(Collectors.toSet());
                    assertThat(spans).filteredOn(span -> span.path("parentId").isMissingNode()).hasSize(1);
                    assertThat(spans).filteredOn(span -> !span.path("parentId").isMissingNode())
                            .allMatch(span -> ids.contains(span.path("parentId").asString()));
                });
        assertThat(fleet.metric("reminder-service", "reminder_delivery_total")).isPositive();
        assertThat(fleet.metric("reminder-service", "audit_log_writes_total")).isPositive();
    }

    private static HttpResponse<String> api(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fleet.url("reminder-service") + path))
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> auditActions(String user) {
        String bootstrap = fleet.facts().path("infrastructure").path("kafka").path("bootstrap_servers").asString();
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "fleet-audit-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.AUDIT));
            await("audit events of " + user).atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(seen::add);
                return seen.stream().filter(record -> user.equals(record.key()))
                        .anyMatch(record -> record.value().contains("\"delivered\""));
            });
        }
        return seen.stream().filter(record -> user.equals(record.key()))
                .map(record -> JSON.readTree(record.value()))
                .map(event -> event.path("action").asString() + " " + event.path("entity").asString())
                .toList();
    }

    private static List<JsonNode> trace(String traceId) throws IOException, InterruptedException {
        HttpResponse<String> response = get(fleet.zipkin() + "/api/v2/trace/" + traceId);
        return (response.statusCode() == 200) ? JSON.readTree(response.body()).valueStream().toList() : List.of();
    }
}
