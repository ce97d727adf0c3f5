package io.myriad.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.myriad.testsupport.JwtKeys;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fleet as {@code ./myriad up --no-build} starts it, shared by every fleet test class of one run: started by the
 * first test that asks for it, stopped (SIGTERM to the launcher) when the run ends. It uses the fleet's fixed ports,
 * so no other fleet may be running on this machine, unless {@code -Dmyriad.fleet.attach=true} says to use the one
 * that runs (a developer's, from {@code ./myriad up}) and leave it running. A test gets it as a parameter with
 * {@code @ExtendWith(LocalFleet.Resolver.class)}.
 */
final class LocalFleet implements AutoCloseable {

    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * HTTP/1.1: the JDK client would otherwise upgrade to cleartext HTTP/2 where a server offers it (Zipkin does) and
     * reuse that connection after the server closed it for idleness, failing a poll with "EOF reached while reading";
     * an idempotent request on an expired HTTP/1.1 connection is sent again on a new one.
     */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    static final String ISSUER = "myriad-local";

    private static final Supplier<JwtKeys> USERS = memoize(() -> {
        try {
            return JwtKeys.signingWith(ROOT.resolve(".myriad/keys/jwt.key.pem"));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("no local signing key: ./myriad up makes it", ex);
        }
    });

    private final Process launcher;

    private final JsonNode facts;

    private LocalFleet(Process launcher, JsonNode facts) {
        this.launcher = launcher;
        this.facts = facts;
    }

    private static LocalFleet start() throws IOException {
        if (Boolean.getBoolean("myriad.fleet.attach")) {
            // A developer's fleet that is already up (./myriad up in another terminal): used as it is, left running.
            return new LocalFleet(null, JSON.readTree(ROOT.resolve(".myriad/fleet.json").toFile()));
        }
        Path upLog = ROOT.resolve("fleet-tests/target/myriad-up.log");
        Files.createDirectories(upLog.getParent());
        // With Prometheus and Alertmanager where Debian's packages are installed (CI installs them); without, the
        // monitoring tests are skipped (and fail under CI).
        List<String> command = new ArrayList<>(List.of("./myriad", "up", "--no-build"));
        if (monitoringInstalled()) {
            command.add("--monitoring");
        }
        ProcessBuilder up = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(upLog.toFile());
        // No startup cache: writing one makes the first stop after a build a minute longer, for nothing here.
        up.environment().put("MYRIAD_STARTUP_CACHE", "off");
        Process launcher = up.start();
        await("./myriad up to report the fleet ready (log: " + upLog + ")").atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    assertThat(launcher.isAlive()).as("./myriad up is running; it said: %s", Files.readString(upLog))
                            .isTrue();
                    return Files.readString(upLog).contains("fleet ready in");
                });
        LocalFleet fleet = new LocalFleet(launcher, JSON.readTree(ROOT.resolve(".myriad/fleet.json").toFile()));
        // On a fresh data directory graphdb-manager writes its seed while the input-processor is already up; the
        // input-processor learns the names from the seed's event or its next retry, up to two seconds later.
        await("the input-processor to know the seed's concept names").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> fleet.metric("input-processor", "input_vocabulary_size") > 0);
        return fleet;
    }

    static boolean monitoringInstalled() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "prometheus"))
                        && Files.isExecutable(Path.of(dir, "prometheus-alertmanager")));
    }

    /** Prometheus's URL when the fleet runs with it, else empty. */
    String prometheus() {
        return this.facts.path("monitoring").path("prometheus_url").asString("");
    }

    /** Alertmanager's URL when the fleet runs with it, else empty. */
    String alertmanager() {
        return this.facts.path("monitoring").path("alertmanager_url").asString("");
    }

    /** The alerts Alertmanager holds now (active, silenced and inhibited ones), as its API v2 lists them. */
    List<JsonNode> alerts() throws IOException, InterruptedException {
        return JSON.readTree(get(alertmanager() + "/api/v2/alerts").body()).valueStream().toList();
    }

    /** The sum of a metric's series on a service's Prometheus endpoint. */
    double metric(String service, String name) throws IOException, InterruptedException {
        String exposition = get(service(service).path("prometheus_url").asString()).body();
        return exposition.lines()
                .filter((line) -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Override
    public void close() throws InterruptedException {
        if (this.launcher != null && this.launcher.isAlive()) {
            this.launcher.destroy(); // SIGTERM: the launcher stops everything it started
            assertThat(this.launcher.waitFor(3, TimeUnit.MINUTES)).as("fleet stopped").isTrue();
        }
    }

    /** What {@code ./myriad up} wrote to {@code .myriad/fleet.json}. */
    JsonNode facts() {
        return this.facts;
    }

    JsonNode service(String name) {
        return this.facts.path("services").valueStream()
                .filter((candidate) -> candidate.path("name").asString().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name + " in fleet.json"));
    }

    String url(String service) {
        return service(service).path("url").asString();
    }

    String zipkin() {
        return this.facts.path("zipkin").path("url").asString();
    }

    /**
     * A user's token as {@code ./myriad token} signs it, with the key {@code ./myriad up} made: for the query API
     * and the reminders.
     */
    static String userToken(String user) {
        return USERS.get().token(ISSUER, List.of("myriad-queries", "myriad-reminders"), user, null,
                Duration.ofMinutes(10));
    }

    /** An operator's token that may change the graph, as {@code ./myriad token <user> --scope graph:write} signs it. */
    static String adminToken() {
        return USERS.get().token(ISSUER, List.of("myriad-queries", "myriad-reminders", "myriad-graph"), "fleet-admin",
                "graph:write", Duration.ofMinutes(10));
    }

    /** The local fleet's user signing key, read once {@code ./myriad up} has made it. */
    static JwtKeys userKeys() {
        return USERS.get();
    }

    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return get(url, null);
    }

    static HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
        return HTTP.send(authorized(HttpRequest.newBuilder(URI.create(url)), token).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String url, String contentType, String body)
            throws IOException, InterruptedException {
        return post(url, contentType, body, null);
    }

    static HttpResponse<String> post(String url, String contentType, String body, String token)
            throws IOException, InterruptedException {
        return HTTP.send(authorized(HttpRequest.newBuilder(URI.create(url)), token)
                .header("Content-Type", contentType)
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder request, String token) {
        return (token != null) ? request.header("Authorization", "Bearer " + token) : request;
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        AtomicReference<T> value = new AtomicReference<>();
        return () -> value.updateAndGet((current) -> (current != null) ? current : supplier.get());
    }

    /** Hands the one fleet of this test run to any test or lifecycle method that declares it. */
    static final class Resolver implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == LocalFleet.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            // The root store lives for the whole run and closes the fleet at its end.
            return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .computeIfAbsent(LocalFleet.class, (key) -> {
                        try {
                            return start();
                        }
                        catch (IOException ex) {
                            throw new IllegalStateException("./myriad up could not be started", ex);
                        }
                    }, LocalFleet.class);
        }
    }
}
