package io.myriad.fleet;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static io.myriad.fleet.LocalFleet.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Crashes under load, as an operator's worst afternoon has them: each service killed with SIGKILL in turn, then the
 * Kafka broker, Neo4j and Redis, while questions keep coming. Every question sent is answered, answered partially, or refused
 * explicitly (a problem, or a refused connection while the orchestrator itself is down): none is left hanging. Each
 * killed process is started again by the supervisor on its own, counted, and the fleet answers whole questions again.
 * Runs last: it restarts what the other fleet tests observe.
 */
@ExtendWith(LocalFleet.Resolver.class)
@Order(Integer.MAX_VALUE)
class FaultFleetIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The client's patience: the orchestrator's own deadline is far shorter, so reaching it means a hang. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static final List<String> QUESTIONS = List.of("What is a lightbulb and what does it do?",
            "What is a kettle?", "How is a lightbulb related to electricity?", "What does a microwave do?");

    private static LocalFleet fleet;

    @BeforeAll
    static void fleet(LocalFleet localFleet) {
        fleet = localFleet;
    }

    @Test
    void everyQuestionAskedWhileEachProcessIsKilledIsAccountedForAndEveryProcessComesBackByItself() throws Exception {
        // given questions asked without pause by three users
        Load load = new Load();
        load.start(3);
        try {
            // when each service, then the broker, is killed in turn
            for (String name : List.of("agents", "input-processor", "output-processor", "graphdb-manager",
                    "reminder-service", "orchestrator", "kafka", "neo4j", "redis")) {
                int restartsBefore = restarts(name);
                long pid = pid(name);
                new ProcessBuilder("kill", "-KILL", Long.toString(pid)).start().waitFor();
                System.out.printf("fault: killed %s (pid %d)%n", name, pid);

                // then the supervisor starts it again, counts it, and it is ready again
                await(name + " started again by the supervisor").atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                        .until(() -> restarts(name) > restartsBefore && pid(name) != pid);
                await(name + " ready again").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> ready(name));
                await("a whole answer once " + name + " is back").atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofSeconds(2))
                        .until(() -> "answered".equals(askOnce("What is a lightbulb?").path("status").asString()));
            }
        }
        finally {
            load.stop();
        }

        // and every question sent is accounted for
        System.out.printf("fault: %s%n", load.outcomes);
        assertThat(load.sent.get()).as("questions sent during the faults").isGreaterThan(20);
        assertThat(load.outcomes.getOrDefault("hung", 0)).as("questions left without an answer: %s", load.outcomes)
                .isZero();
        assertThat(load.outcomes.getOrDefault("unexplained", 0)).as("answers that are neither an answer nor a "
                + "problem: %s; %s", load.outcomes, load.unexplained).isZero();
        assertThat(load.outcomes.getOrDefault("answered", 0)).isPositive();
    }

    /** Questions asked in a loop on virtual threads, each outcome counted. */
    private static final class Load {

        final AtomicBoolean running = new AtomicBoolean(true);

        final AtomicInteger sent = new AtomicInteger();

        final Map<String, Integer> outcomes = new ConcurrentHashMap<>();

        final List<String> unexplained = new ArrayList<>();

        final List<Thread> threads = new ArrayList<>();

        void start(int users) {
            for (int i = 0; i < users; i++) {
                String token = LocalFleet.userToken("fault-" + i);
                this.threads.add(Thread.ofVirtual().start(() -> {
                    int n = 0;
                    while (this.running.get()) {
                        this.sent.incrementAndGet();
                        this.outcomes.merge(ask(QUESTIONS.get(n++ % QUESTIONS.size()), token), 1, Integer::sum);
                        try {
                            Thread.sleep(200); // a person's pace, not a benchmark: the faults are the load here
                        }
                        catch (InterruptedException ex) {
                            return;
                        }
                    }
                }));
            }
        }

        void stop() throws InterruptedException {
            this.running.set(false);
            for (Thread thread : this.threads) {
                thread.join(PATIENCE.plusSeconds(5));
            }
        }

        /** answered, partial, refused (a problem), unreachable (the orchestrator is down), hung, or unexplained. */
        private String ask(String question, String token) {
            try {
                HttpResponse<String> response = HTTP.send(request(question, token), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    JsonNode answer = JSON.readTree(response.body());
                    return answer.path("partial").asBoolean() ? "partial" : answer.path("status").asString();
                }
                if (response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
                    return "refused " + response.statusCode();
                }
                synchronized (this.unexplained) {
                    this.unexplained.add(response.statusCode() + " " + response.body());
                }
                return "unexplained";
            }
            catch (HttpTimeoutException ex) {
                return "hung";
            }
            catch (ConnectException ex) {
                return "unreachable";
            }
            catch (IOException ex) {
                // The orchestrator killed with the question in flight: the connection is reset, which the asker sees.
                return "connection lost";
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
    }

    private static HttpRequest request(String question, String token) {
        return HttpRequest.newBuilder(URI.create(fleet.url("orchestrator") + "/api/v1/queries"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .timeout(PATIENCE)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("text", question))))
                .build();
    }

    private static JsonNode askOnce(String question) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request(question, LocalFleet.userToken("fault-probe")),
                HttpResponse.BodyHandlers.ofString());
        return (response.statusCode() == 200) ? JSON.readTree(response.body()) : JSON.missingNode();
    }

    private static boolean ready(String name) {
        if (List.of("kafka", "neo4j", "redis").contains(name)) {
            // The infrastructure is back for the fleet when every service's readiness, which asks Kafka and whichever
            // of Neo4j and Redis the service uses, is UP again.
            return List.of("orchestrator", "agents", "input-processor", "output-processor", "reminder-service",
                    "graphdb-manager").stream().allMatch(FaultFleetIT::ready);
        }
        try {
            return LocalFleet.get(fleet.service(name).path("readiness_url").asString()).statusCode() == 200;
        }
        catch (IOException | InterruptedException ex) {
            return false;
        }
    }

    private static long pid(String name) throws IOException {
        return Long.parseLong(Files.readString(LocalFleet.ROOT.resolve(".myriad/pids/" + name + ".pid")).strip());
    }

    /** The supervisor's count of restarts ({@code .myriad/restarts/<name>}: count, last exit status, when). */
    private static int restarts(String name) throws IOException {
        Path file = LocalFleet.ROOT.resolve(".myriad/restarts/" + name);
        return Files.exists(file) ? Integer.parseInt(Files.readString(file).strip().split(" ")[0]) : 0;
    }
}
