package io.myriad.fleet;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;
import io.myriad.fleet.monitoring.Command;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static io.myriad.fleet.LocalFleet.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Crashes and outages under load, as an operator's worst afternoon has them: each service killed with SIGKILL in
 * turn, then the Kafka broker, Neo4j and Redis killed, then each of them stopped until the fleet alerts on it, while
 * three users keep asking questions and reminders keep falling due. Every question sent is answered, answered
 * partially, or refused explicitly (a problem, or a refused connection while the orchestrator itself is down): none
 * is left hanging. Every reminder due in the window reaches its webhook and its user's inbox exactly once. Each killed
 * process is started again by the supervisor on its own, counted, and alerted on (ServiceRestarted); each dependency
 * outage raises DependencyDown in Alertmanager. Runs last: it restarts what the other fleet tests observe.
 */
@ExtendWith(LocalFleet.Resolver.class)
@Order(Integer.MAX_VALUE)
class FaultFleetIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /** The client's patience: the orchestrator's own deadline is far shorter, so reaching it means a hang. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static final List<String> QUESTIONS = List.of("What is a lightbulb and what does it do?",
            "What is a kettle?", "How is a lightbulb related to electricity?", "What does a microwave do?");

    private static final List<String> SERVICES = List.of("agents", "input-processor", "output-processor",
            "graphdb-manager", "reminder-service", "orchestrator");

    private static final List<String> DEPENDENCIES = List.of("kafka", "neo4j", "redis");

    /** One reminder falls due every this often, over about as long as the faults take. */
    private static final Duration REMINDER_EVERY = Duration.ofSeconds(5);

    private static final Duration REMINDER_WINDOW = Duration.ofMinutes(8);

    /** ServiceRestarted's description names the running process's start time (Prometheus's humanizeTimestamp). */
    private static final Pattern STARTED_AT = Pattern.compile("started at (\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d)");

    private static LocalFleet fleet;

    private static HttpServer webhook;

    /** Webhook deliveries received, by {@code X-Myriad-Delivery}. */
    private static final Map<String, AtomicInteger> HOOKED = new ConcurrentHashMap<>();

    @BeforeAll
    static void fleet(LocalFleet localFleet) throws IOException {
        fleet = localFleet;
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String delivery = exchange.getRequestHeaders().getFirst("X-Myriad-Delivery");
            HOOKED.computeIfAbsent(String.valueOf(delivery), key -> new AtomicInteger()).incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhook.start();
    }

    @AfterAll
    static void stopWebhook() {
        if (webhook != null) {
            webhook.stop(0);
        }
    }

    @Test
    void everyQuestionAndReminderInTheWindowIsAccountedForEveryProcessComesBackAndEveryFaultIsAlerted()
            throws Exception {
        // given reminders falling due every few seconds, by webhook and in-app (no connection open: the inbox)
        // (tokens are signed afresh for each request: the run outlasts a token's ten minutes)
        String user = "fault-reminders-" + UUID.randomUUID();
        Instant firstDue = Instant.now().plusSeconds(45).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Instant> reminders = createReminders(user, firstDue);
        // and questions asked without pause by three users
        Load load = new Load();
        load.start(3);
        Map<String, String> alerted = new LinkedHashMap<>();
        AlertWatch watch = new AlertWatch();
        try {
            // when each service, then Kafka, Neo4j and Redis, is killed in turn
            for (String name : SERVICES) {
                if (name.equals("reminder-service")) {
                    // Between two due times: a kill in the milliseconds between a channel's acknowledgement and its
                    // record would send that one again (the receiver drops it by X-Myriad-Delivery); that is the
                    // documented at-least-once edge, not what this test is after.
                    betweenDueTimes(firstDue);
                }
                watch.expectRestart(name);
                kill(name);
                cameBack(name);
            }
            for (String name : DEPENDENCIES) {
                kill(name);
                cameBack(name);
            }
            // and each of them is stopped for as long as the fleet takes to alert on it, then started again
            for (String dependency : DEPENDENCIES) {
                alerted.put("stop " + dependency, outage(dependency));
            }
        }
        finally {
            load.stop();
        }
        // and each kill was alerted on, by the time the restarted process had been scraped
        alerted.putAll(watch.awaitAll());
        System.out.printf("fault: alerts %s%n", alerted);

        // then every question sent is accounted for
        System.out.printf("fault: %s%n", load.outcomes);
        assertThat(load.sent.get()).as("questions sent during the faults").isGreaterThan(20);
        assertThat(load.outcomes.getOrDefault("hung", 0)).as("questions left without an answer: %s", load.outcomes)
                .isZero();
        assertThat(load.outcomes.getOrDefault("unexplained", 0)).as("answers that are neither an answer nor a "
                + "problem: %s; %s", load.outcomes, load.unexplained).isZero();
        assertThat(load.outcomes.getOrDefault("answered", 0)).isPositive();
        assertThat(load.outcomes).as("a valid token refused while something else was down")
                .doesNotContainKeys("refused 401", "refused 403");

        // and every reminder due in the window arrived exactly once, by each of its channels
        everyReminderDeliveredOnce(reminders, user);
    }

    // ---- faults ---------------------------------------------------------------------------------------------------

    private static void kill(String name) throws IOException, InterruptedException {
        long pid = pid(name);
        int restartsBefore = restarts(name);
        new ProcessBuilder("kill", "-KILL", Long.toString(pid)).start().waitFor();
        System.out.printf("fault: killed %s (pid %d)%n", name, pid);
        // then the supervisor starts it again and counts it
        await(name + " started again by the supervisor").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> restarts(name) > restartsBefore && pid(name) != pid);
    }

    /** Ready again, and the fleet gives whole answers again. */
    private static void cameBack(String name) {
        await(name + " ready again").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> ready(name));
        await("a whole answer once " + name + " is back").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> "answered".equals(askOnce("What is a lightbulb?").path("status").asString()));
    }

    /**
     * Watches Alertmanager, in the background, for ServiceRestarted of each killed service naming a process started
     * after the kill: the alert may already be active from an earlier restart (another fleet test's), and then only its
     * description, re-sent by Prometheus every minute, tells this restart. The next fault does not wait for it.
     */
    private static final class AlertWatch {

        private final Map<String, Instant> killedAt = new ConcurrentHashMap<>();

        private final Map<String, String> seen = new ConcurrentHashMap<>();

        private final Thread poller = Thread.ofVirtual().start(this::poll);

        void expectRestart(String name) {
            if (monitoring()) {
                this.killedAt.put(name, Instant.now().truncatedTo(ChronoUnit.SECONDS));
            }
        }

        private void poll() {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    for (String name : this.killedAt.keySet()) {
                        Instant started = restartAlerted(name);
                        if (!this.seen.containsKey(name) && started != null
                                && !started.isBefore(this.killedAt.get(name))) {
                            this.seen.put(name, "ServiceRestarted "
                                    + Duration.between(this.killedAt.get(name), Instant.now()).toSeconds()
                                    + " s after the kill");
                        }
                    }
                    Thread.sleep(Duration.ofSeconds(2));
                }
                catch (InterruptedException ex) {
                    return;
                }
                catch (IOException | RuntimeException ex) {
                    // Alertmanager slow or busy: the next round asks again
                }
            }
        }

        Map<String, String> awaitAll() {
            if (!monitoring()) {
                this.poller.interrupt();
                return Map.of("kills", "no Alertmanager");
            }
            try {
                await("ServiceRestarted in Alertmanager for every killed service").atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofSeconds(2))
                        .until(() -> this.seen.keySet().containsAll(this.killedAt.keySet()));
            }
            finally {
                this.poller.interrupt();
                System.out.printf("fault: ServiceRestarted seen %s, expected %s%n", this.seen.keySet(),
                        this.killedAt.keySet());
            }
            Map<String, String> alerted = new TreeMap<>();
            this.seen.forEach((name, what) -> alerted.put("kill " + name, what));
            return alerted;
        }
    }

    /**
     * The start time of the process ServiceRestarted (warning) names for a service, as Alertmanager has it now; null
     * without the alert.
     */
    private static Instant restartAlerted(String name) throws IOException, InterruptedException {
        for (JsonNode alert : fleet.alerts()) {
            JsonNode labels = alert.path("labels");
            if ("ServiceRestarted".equals(labels.path("alertname").asString())
                    && name.equals(labels.path("application").asString())
                    && "warning".equals(labels.path("severity").asString())) {
                Matcher started = STARTED_AT.matcher(alert.path("annotations").path("description").asString());
                return started.find() ? LocalDateTime.parse(started.group(1).replace(' ', 'T')).toInstant(ZoneOffset.UTC)
                        : null;
            }
        }
        return null;
    }

    /**
     * Stops a dependency ({@code ./myriad stop}) until Alertmanager has DependencyDown for it (the rule waits a minute,
     * so the outage lasts longer than the 30 s an outage of Neo4j was asked to last), then starts it and waits for the
     * fleet to be whole again.
     */
    private static String outage(String dependency) throws Exception {
        Command.run("./myriad", "stop", dependency).succeeded();
        Instant stoppedAt = Instant.now();
        System.out.printf("fault: stopped %s%n", dependency);
        String seen;
        try {
            if (monitoring()) {
                await("DependencyDown for " + dependency + " in Alertmanager").atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofSeconds(2))
                        .until(() -> dependencyDown(dependency, stoppedAt));
                seen = "DependencyDown " + Duration.between(stoppedAt, Instant.now()).toSeconds() + " s after the stop";
            }
            else {
                Thread.sleep(Duration.ofSeconds(30));
                seen = "no Alertmanager";
            }
        }
        finally {
            Command.run("./myriad", "start", dependency).succeeded();
        }
        cameBack(dependency);
        return seen;
    }

    private static boolean dependencyDown(String dependency, Instant stoppedAt) throws IOException, InterruptedException {
        for (JsonNode alert : fleet.alerts()) {
            JsonNode labels = alert.path("labels");
            if ("DependencyDown".equals(labels.path("alertname").asString())
                    && dependency.equals(labels.path("dependency").asString())
                    && Instant.parse(alert.path("startsAt").asString()).isAfter(stoppedAt.minusSeconds(5))) {
                return true;
            }
        }
        return false;
    }

    private static boolean monitoring() {
        return !fleet.alertmanager().isEmpty();
    }

    // ---- reminders ------------------------------------------------------------------------------------------------

    /** One reminder due every {@link #REMINDER_EVERY} from {@code firstDue}, to a webhook and in-app: id to due time. */
    private static Map<String, Instant> createReminders(String user, Instant firstDue) throws Exception {
        String hook = "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook";
        Map<String, Instant> created = new TreeMap<>();
        int count = (int) (REMINDER_WINDOW.toSeconds() / REMINDER_EVERY.toSeconds());
        for (int i = 0; i < count; i++) {
            Instant due = firstDue.plus(REMINDER_EVERY.multipliedBy(i));
            String body = JSON.writeValueAsString(Map.of("message", "fault window reminder " + i,
                    "dueAt", LocalDateTime.ofInstant(due, ZoneOffset.UTC).toString(), "zone", "UTC",
                    "channels", List.of(Map.of("type", "in_app"), Map.of("type", "webhook", "url", hook))));
            HttpResponse<String> response;
            while ((response = LocalFleet.post(fleet.url("reminder-service") + "/api/v1/reminders",
                    "application/json", body, LocalFleet.userToken(user))).statusCode() == 429) {
                Thread.sleep(Duration.ofSeconds(Long.parseLong(response.headers().firstValue("Retry-After")
                        .orElse("1"))));
            }
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            created.put(JSON.readTree(response.body()).path("id").asString(), due);
        }
        System.out.printf("fault: %d reminders due from %s to %s%n", created.size(), firstDue,
                firstDue.plus(REMINDER_EVERY.multipliedBy(count - 1)));
        return created;
    }

    /** Waits until the middle of the gap between two due times. */
    private static void betweenDueTimes(Instant firstDue) throws InterruptedException {
        long every = REMINDER_EVERY.toMillis();
        long intoGap = Math.floorMod(Instant.now().toEpochMilli() - firstDue.toEpochMilli(), every);
        Thread.sleep(Math.floorMod(every / 2 - intoGap, every));
    }

    private static void everyReminderDeliveredOnce(Map<String, Instant> reminders, String user) throws Exception {
        Instant lastDue = reminders.values().stream().max(Instant::compareTo).orElseThrow();
        Duration wait = Duration.between(Instant.now(), lastDue).plusMinutes(2);
        System.out.printf("fault: waiting up to %d s for the last reminders%n", Math.max(0, wait.toSeconds()));
        await("every reminder's webhook delivery").atMost(wait.isNegative() ? Duration.ofMinutes(2) : wait)
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> reminders.keySet().stream().allMatch(id -> HOOKED.containsKey(id + "-1-webhook")));
        Map<String, Integer> inbox = new TreeMap<>();
        await("every reminder in the inbox").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    inbox.clear();
                    JSON.readTree(LocalFleet.get(fleet.url("reminder-service") + "/api/v1/inbox", LocalFleet.userToken(user)).body())
                            .valueStream()
                            .forEach(message -> inbox.merge(message.path("deliveryId").asString(), 1, Integer::sum));
                    return reminders.keySet().stream().allMatch(id -> inbox.containsKey(id + "-1-in_app"));
                });
        Thread.sleep(Duration.ofSeconds(5)); // a second copy on its way would arrive by now
        Map<String, Integer> twice = new TreeMap<>();
        HOOKED.forEach((id, times) -> {
            if (times.get() > 1) {
                twice.put(id, times.get());
            }
        });
        inbox.forEach((id, times) -> {
            if (times > 1) {
                twice.put(id, times);
            }
        });
        long late = 0;
        for (String id : reminders.keySet()) {
            late += JSON.readTree(LocalFleet.get(fleet.url("reminder-service") + "/api/v1/reminders/" + id
                    + "/deliveries", LocalFleet.userToken(user)).body()).valueStream().filter(d -> d.path("late").asBoolean()).count();
        }
        System.out.printf("fault: %d reminders, %d webhook deliveries, %d inbox messages, %d deliveries late, "
                + "sent more than once: %s%n", reminders.size(), HOOKED.size(), inbox.size(), late, twice);
        assertThat(twice).as("deliveries that arrived more than once").isEmpty();
        assertThat(inbox).hasSize(reminders.size());
        assertThat(HOOKED).hasSize(reminders.size());
    }

    // ---- the load -------------------------------------------------------------------------------------------------

    /** Questions asked in a loop on virtual threads, each outcome counted. */
    private static final class Load {

        final AtomicBoolean running = new AtomicBoolean(true);

        final AtomicInteger sent = new AtomicInteger();

        final Map<String, Integer> outcomes = new ConcurrentHashMap<>();

        final List<String> unexplained = new ArrayList<>();

        final List<Thread> threads = new ArrayList<>();

        void start(int users) {
            for (int i = 0; i < users; i++) {
                String user = "fault-" + i;
                this.threads.add(Thread.ofVirtual().start(() -> {
                    int n = 0;
                    while (this.running.get()) {
                        this.sent.incrementAndGet();
                        this.outcomes.merge(ask(QUESTIONS.get(n++ % QUESTIONS.size()), LocalFleet.userToken(user)), 1,
                                Integer::sum);
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
        if (DEPENDENCIES.contains(name)) {
            // The infrastructure is back for the fleet when every service's readiness, which asks Kafka and whichever
            // of Neo4j and Redis the service uses, is UP again.
            return SERVICES.stream().allMatch(FaultFleetIT::ready);
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
