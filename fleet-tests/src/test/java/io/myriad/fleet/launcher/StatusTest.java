package io.myriad.fleet.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;
import io.myriad.fleet.FleetPorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code ./myriad up} records of a fleet ({@code .myriad/fleet.json}, the Prometheus targets) and how
 * {@code ./myriad status} reads it back: each process's readiness, memory and restarts. The "fleet" is two tiny HTTP
 * servers, one ready and one not, and ports nothing listens on, put in place with the ports' environment overrides.
 */
class StatusTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path state;

    private HttpServer ready;

    private HttpServer notReady;

    private final Map<String, String> environment = new HashMap<>();

    @BeforeEach
    void startTheFleetsStandIns() throws IOException {
        this.ready = server(200);
        this.notReady = server(503);
        int closed = freePort();
        this.environment.put("MYRIAD_STATE", this.state.toString());
        for (String service : FleetPorts.SERVICES) {
            this.environment.put(variable(service, "MANAGEMENT_PORT"), String.valueOf(closed));
        }
        this.environment.put(variable("orchestrator", "MANAGEMENT_PORT"), String.valueOf(port(this.ready)));
        this.environment.put(variable("agents", "MANAGEMENT_PORT"), String.valueOf(port(this.notReady)));
        for (String infra : List.of("neo4j", "redis", "zipkin")) {
            this.environment.put(variable(infra, "PORT"), String.valueOf(closed));
        }
        this.environment.put(variable("kafka", "PORT"), String.valueOf(port(this.ready)));
    }

    @AfterEach
    void stopThem() {
        this.ready.stop(0);
        this.notReady.stop(0);
    }

    @Test
    void upRecordsEachServicesUrlsAndProcessAndThePrometheusTargets() {
        // when
        Bash.Result result = Bash.run(this.environment, """
                load_ports
                for name in "${SERVICES[@]}" kafka neo4j redis zipkin; do PID[$name]=$$; done
                mkdir -p "$STATE" && write_facts 2026-12-04T09:00:00Z 31.4
                """);

        // then
        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode facts = JSON.readTree(this.state.resolve("fleet.json").toFile());
        assertThat(facts.path("ready_seconds").asDouble()).isEqualTo(31.4);
        assertThat(facts.path("services").valueStream().map((s) -> s.path("name").asString()))
                .containsExactlyElementsOf(FleetPorts.SERVICES);
        JsonNode reminders = facts.path("services").get(4);
        assertThat(reminders.path("url").asString())
                .isEqualTo("http://127.0.0.1:" + FleetPorts.port("reminder-service"));
        assertThat(facts.path("services").get(0).path("readiness_url").asString())
                .isEqualTo("http://127.0.0.1:" + port(this.ready) + "/actuator/health/readiness");
        assertThat(facts.path("infrastructure").path("kafka").path("bootstrap_servers").asString())
                .isEqualTo("127.0.0.1:" + port(this.ready));
        assertThat(facts.has("monitoring")).isFalse();
        JsonNode targets = JSON.readTree(this.state.resolve("prometheus-targets.json").toFile());
        assertThat(targets.valueStream().map((t) -> t.path("labels").path("application").asString() + " "
                + t.path("targets").get(0).asString())).contains("orchestrator 127.0.0.1:" + port(this.ready),
                        "agents 127.0.0.1:" + port(this.notReady)).hasSize(6);
    }

    @Test
    void statusShowsEachProcessReadinessMemoryAndRestarts() throws IOException {
        // given: a fleet on record whose agents were started again twice
        Bash.Result up = Bash.run(this.environment, """
                load_ports
                for name in "${SERVICES[@]}" kafka neo4j redis zipkin; do PID[$name]=$$; done
                mkdir -p "$STATE/restarts" && write_facts 2026-12-04T09:00:00Z 31.4
                printf '2 137 2026-12-04T09:05:00Z\\n' >"$STATE/restarts/agents"
                """);
        assertThat(up.exitCode()).as(up.toString()).isZero();

        // when
        Bash.Result status = Bash.myriad(this.environment, "status");

        // then
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.lines().get(0)).startsWith("fleet of 2026-12-04T09:00:00Z, supervisor pid ");
        Map<String, String[]> rows = rows(status.out());
        assertThat(rows).containsOnlyKeys("orchestrator", "agents", "input-processor", "output-processor",
                "reminder-service", "graphdb-manager", "kafka", "neo4j", "redis", "zipkin");
        assertThat(rows.get("orchestrator")).containsSequence("UP").endsWith("0",
                "http://127.0.0.1:" + port(this.ready) + "/actuator/health/readiness");
        assertThat(rows.get("agents")[1]).isEqualTo("DOWN");
        assertThat(rows.get("agents")[4]).isEqualTo("2");
        assertThat(rows.get("reminder-service")[1]).isEqualTo("NO-ANSWER");
        assertThat(rows.get("kafka")[1]).isEqualTo("LISTEN");
        assertThat(rows.get("redis")[1]).isEqualTo("CLOSED");
        // the PID recorded is the bash that wrote the facts, gone by now
        assertThat(rows.get("orchestrator")[3]).isEqualTo("gone");
    }

    @Test
    void withoutARecordedFleetStatusSaysNoneRunsAndFails() {
        // when
        Bash.Result status = Bash.myriad(this.environment, "status");

        // then
        assertThat(status.exitCode()).isEqualTo(1);
        assertThat(status.out()).contains("no fleet is running (no ").contains("fleet.json)");
    }

    @Test
    void downWithoutAFleetStopsNothing() {
        // when
        Bash.Result down = Bash.myriad(this.environment, "down");

        // then
        assertThat(down.exitCode()).as(down.toString()).isZero();
        assertThat(down.out()).isEqualTo("myriad: no fleet is running\n");
    }

    /** Each row of the table: name, state, pid, memory, restarts, check. */
    private static Map<String, String[]> rows(String table) {
        Pattern row = Pattern.compile("^ {2}(\\S+)\\s+(\\S+)\\s+(\\d+)\\s+(\\d+ MB|gone)\\s+(\\d+)\\s+(\\S+)$");
        Map<String, String[]> rows = new HashMap<>();
        for (String line : table.lines().toList()) {
            Matcher matcher = row.matcher(line);
            if (matcher.matches()) {
                rows.put(matcher.group(1), new String[] { matcher.group(1), matcher.group(2), matcher.group(3),
                        matcher.group(4), matcher.group(5), matcher.group(6) });
            }
        }
        return rows;
    }

    private static HttpServer server(int status) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", (exchange) -> {
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static int port(HttpServer server) {
        return server.getAddress().getPort();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String variable(String name, String key) {
        return "MYRIAD_FLEET_" + name.toUpperCase().replace('-', '_') + "_" + key;
    }
}
