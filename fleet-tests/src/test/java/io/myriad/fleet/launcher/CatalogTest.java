package io.myriad.fleet.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.myriad.fleet.FleetPorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./myriad metrics-catalog} waits on a condition, not a clock: it scrapes every service until each family the
 * checked-in catalog lists is exposed by each service it names, and gives up after its timeout saying what is missing.
 * The services here are one tiny HTTP server on every management port, whose exposition gains a family only after a
 * few scrapes, as a Kafka client's metrics appear once Micrometer binds them.
 */
class CatalogTest {

    private static final String EARLY = """
            # HELP early_total Counted from the start
            # TYPE early_total counter
            early_total{application="x",outcome="ok"} 1.0
            """;

    private static final String LATE = """
            # HELP late_seconds Bound a while after the traffic
            # TYPE late_seconds histogram
            late_seconds_bucket{application="x",topic="t",le="+Inf"} 1.0
            late_seconds_count{application="x",topic="t"} 1.0
            late_seconds_sum{application="x",topic="t"} 0.5
            """;

    @TempDir
    Path dir;

    private final AtomicInteger scrapes = new AtomicInteger();

    /** How many scrapes the server answers before the late family appears. */
    private volatile int lateAfter = Integer.MAX_VALUE;

    private HttpServer server;

    private final Map<String, String> environment = new HashMap<>();

    @BeforeEach
    void startTheServices() throws IOException {
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.server.createContext("/actuator/prometheus", (exchange) -> {
            String exposition = (this.scrapes.incrementAndGet() > this.lateAfter) ? EARLY + LATE : EARLY;
            byte[] body = exposition.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        this.server.start();
        for (String service : FleetPorts.SERVICES) {
            this.environment.put(variable(service), String.valueOf(this.server.getAddress().getPort()));
        }
    }

    @AfterEach
    void stopThem() {
        this.server.stop(0);
    }

    @Test
    void theExpectedFamiliesAreEachServiceTheCatalogNames() throws IOException {
        // given
        Path catalog = catalog("| `early_total` | counter | outcome | agents, orchestrator | Counted |",
                "| `late_seconds` | histogram | topic | agents | Bound \\| later |");

        // when
        Bash.Result result = Bash.run(this.environment, "catalog_expected " + catalog);

        // then
        assertThat(result.lines()).containsExactly("early_total\tagents", "early_total\torchestrator",
                "late_seconds\tagents");
    }

    @Test
    void waitsUntilAFamilyThatAppearsLateIsExposedThenKeepsThatScrape() throws IOException {
        // given: the late family appears only from the third round of scrapes
        this.lateAfter = 2 * FleetPorts.SERVICES.size();
        Path catalog = catalog("| `early_total` | counter | outcome | agents, orchestrator | Counted |",
                "| `late_seconds` | histogram | topic | agents | Bound |");
        Path scraped = this.dir.resolve("scraped.tsv");

        // when
        Bash.Result result = Bash.run(this.environment, "load_ports; catalog_wait " + catalog + " 60 " + scraped);

        // then
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("waiting up to 60 s until the services expose the 3 (family, service) pairs of")
                .contains("every (family, service) pair of");
        assertThat(this.scrapes.get()).isGreaterThan(this.lateAfter);
        assertThat(Files.readAllLines(scraped)).contains("late_seconds\thistogram\tBound a while after the traffic\ttopic\tagents",
                "early_total\tcounter\tCounted from the start\toutcome\torchestrator");
    }

    @Test
    void givesUpAfterTheTimeoutNamingEachFamilyThatIsStillMissing() throws IOException {
        // given
        Path catalog = catalog("| `early_total` | counter | outcome | agents | Counted |",
                "| `gone_total` | counter |  | reminder-service, agents | Removed from the code |");

        // when
        Bash.Result result = Bash.run(this.environment,
                "load_ports; catalog_wait " + catalog + " 1 " + this.dir.resolve("scraped.tsv"));

        // then
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("after 1 s, 2 families of").contains("  gone_total by agents")
                .contains("  gone_total by reminder-service").doesNotContain("early_total")
                .contains("the metrics catalog was not written");
    }

    @Test
    void aServiceThatDoesNotAnswerIsNamedWithItsEndpoint() throws IOException {
        // given
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        this.environment.put(variable("graphdb-manager"), String.valueOf(closed));
        Path catalog = catalog("| `early_total` | counter | outcome | agents | Counted |");

        // when
        Bash.Result result = Bash.run(this.environment,
                "load_ports; catalog_wait " + catalog + " 0 " + this.dir.resolve("scraped.tsv"));

        // then
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("could not read graphdb-manager's metrics at http://127.0.0.1:" + closed
                + "/actuator/prometheus");
    }

    @Test
    void theTimeoutMustBeSeconds() throws IOException {
        Bash.Result result = Bash.run(this.environment,
                "load_ports; catalog_wait " + catalog() + " soon " + this.dir.resolve("scraped.tsv"));
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("the catalog's timeout needs seconds, not 'soon'");
    }

    private Path catalog(String... rows) throws IOException {
        Path file = this.dir.resolve("metrics.md");
        Files.writeString(file, "# Metrics catalog\n\n| metric | type | labels | services | help |\n|---|---|---|---|---|\n"
                + String.join("\n", rows) + "\n");
        return file;
    }

    private static String variable(String service) {
        return "MYRIAD_FLEET_" + service.toUpperCase().replace('-', '_') + "_MANAGEMENT_PORT";
    }
}
