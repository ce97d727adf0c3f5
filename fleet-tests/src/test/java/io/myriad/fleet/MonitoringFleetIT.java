package io.myriad.fleet;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.myriad.fleet.monitoring.Command;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

import static io.myriad.fleet.LocalFleet.JSON;
import static io.myriad.fleet.LocalFleet.ROOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The monitoring assets against the running fleet under a real Prometheus and Alertmanager ({@code ./myriad up
 * --monitoring}): the metrics catalog is current, every recording rule and dashboard query returns series, every
 * name they use is a metric the fleet exposes, every exposition passes {@code promtool check metrics}, and a stopped
 * service raises ServiceDown in Alertmanager in time, inhibits that service's other alerts, and clears on restart.
 */
@ExtendWith(LocalFleet.Resolver.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitoringFleetIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /** PromQL words that are not metric names. */
    private static final Set<String> PROMQL = Set.of("sum", "rate", "irate", "increase", "histogram_quantile", "by",
            "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "max", "min", "avg",
            "count", "topk", "bottomk", "clamp_min", "clamp_max", "clamp", "abs", "time", "vector", "scalar",
            "label_replace", "label_join", "max_over_time", "min_over_time", "avg_over_time", "sum_over_time",
            "count_over_time", "absent", "absent_over_time", "delta", "deriv", "changes", "resets", "le", "bool",
            "offset", "round", "ceil", "floor", "sort", "sort_desc", "quantile", "stddev", "quantile_over_time",
            "last_over_time", "group", "count_values", "timestamp", "predict_linear", "day_of_week", "hour", "inf",
            "nan", "m", "h", "d", "s", "w", "y", "ms");

    private static final Pattern NAME = Pattern.compile("(?<![\\w.:\"$])([a-zA-Z_:][a-zA-Z0-9_:]*)(?![\\w\"])");

    private static LocalFleet fleet;

    @BeforeAll
    static void fleet(LocalFleet localFleet) {
        fleet = localFleet;
        Assumptions.assumeTrue(!fleet.prometheus().isEmpty() || System.getenv("CI") != null,
                "the fleet runs without Prometheus: apt-get install prometheus prometheus-alertmanager");
        assertThat(fleet.prometheus()).as("fleet started with --monitoring").isNotEmpty();
    }

    @Test
    @Order(1)
    void theCheckedInMetricsCatalogIsCurrent() throws Exception {
        Path now = ROOT.resolve("fleet-tests/target/metrics-now.md");
        Command.run("./myriad", "metrics-catalog", "--output", now.toString()).succeeded();

        Map<String, String[]> current = catalog(now);
        Map<String, String[]> checkedIn = catalog(ROOT.resolve("docs/metrics.md"));

        List<String> stale = new ArrayList<>();
        current.forEach((name, row) -> {
            String[] known = checkedIn.get(name);
            if (known == null) {
                stale.add(name + " is exposed but not in docs/metrics.md");
            }
            else if (!known[1].equals(row[1]) || !known[2].equals(row[2]) || !known[4].equals(row[4])) {
                stale.add(name + " differs: exposed " + String.join(" | ", row) + ", catalog " + String.join(" | ", known));
            }
            else if (!Set.of(known[3].split(", ")).containsAll(Set.of(row[3].split(", ")))) {
                stale.add(name + " is exposed by " + row[3] + ", the catalog says " + known[3]);
            }
        });
        checkedIn.keySet().stream().filter(name -> !current.containsKey(name))
                .forEach(name -> stale.add(name + " is in docs/metrics.md but no service exposes it"));
        assertThat(stale).as("docs/metrics.md is stale: run ./myriad metrics-catalog with the fleet up").isEmpty();
    }

    @Test
    @Order(2)
    void rulesAndDashboardsNameOnlyMetricsInTheCatalog() throws IOException {
        Set<String> known = new LinkedHashSet<>(catalog(ROOT.resolve("docs/metrics.md")).keySet());
        for (String family : List.copyOf(known)) {
            for (String suffix : List.of("_bucket", "_count", "_sum")) {
                known.add(family + suffix);
            }
        }
        known.addAll(recordingRules());
        known.addAll(List.of("up", "ALERTS", "ALERTS_FOR_STATE"));

        Map<String, String> queries = new LinkedHashMap<>();
        ruleExpressions().forEach((name, expr) -> queries.put("rule " + name, expr));
        panelQueries().forEach((panel, expr) -> queries.put("panel " + panel, expr));
        assertThat(queries).isNotEmpty();

        List<String> unknown = new ArrayList<>();
        queries.forEach((where, expr) -> metricNames(expr).stream().filter(name -> !known.contains(name))
                .forEach(name -> unknown.add(where + ": " + name)));
        assertThat(unknown).as("names no service exposes (docs/metrics.md)").isEmpty();
    }

    @Test
    @Order(3)
    void everyExpositionPassesPromtoolCheckMetrics() throws Exception {
        Command.assumeInstalled("promtool");
        for (JsonNode service : fleet.facts().path("services")) {
            Path exposition = Files.createTempFile("exposition-", ".txt");
            Files.writeString(exposition, LocalFleet.get(service.path("prometheus_url").asString()).body());
            Command.Result check = Command.run("sh", "-c", "promtool check metrics < " + exposition);
            assertThat(check.output()).as(service.path("name").asString()).isBlank();
            assertThat(check.exitCode()).isZero();
        }
    }

    @Test
    @Order(4)
    void everyRecordingRuleAndPanelQueryReturnsSeries() throws Exception {
        Map<String, String> faultOnly = faultOnly();
        // The catalog test before this one drove a round of traffic over a minute ago: every rate window of the rules
        // and panels has samples from before and after it.
        await("every target scraped").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2))
                .until(() -> query("count(up == 1)").path(0).path("value").path(1).asString("0").equals("6"));

        List<String> empty = new ArrayList<>();
        for (String record : recordingRules()) {
            if (!faultOnly.containsKey(record) && query(record).isEmpty()) {
                empty.add("rule " + record);
            }
        }
        for (Map.Entry<String, String> panel : panelQueries().entrySet()) {
            String title = panel.getKey().replaceAll(" #\\d+$", "");
            if (!faultOnly.containsKey(title) && query(fill(panel.getValue())).isEmpty()) {
                empty.add("panel " + panel.getKey() + ": " + fill(panel.getValue()));
            }
        }
        assertThat(empty).as("queries without series (list a fault-only one in deploy/prometheus/fault-only.yml)")
                .isEmpty();
    }

    @Test
    @Order(5)
    void aStoppedServiceRaisesServiceDownInTimeInhibitsItsOtherAlertsAndClearsOnRestart() throws Exception {
        Duration deadline = Duration.ofSeconds(60 + 2 * 15); // the rule's for: 1m, plus two scrape intervals
        // From the moment the process is gone: ./myriad stop returns once it has exited (a graceful stop of a few
        // seconds, during which it still answers scrapes).
        Command.run("./myriad", "stop", "agents").succeeded();
        Instant stopped = Instant.now();
        try {
            await("ServiceDown for agents in Alertmanager").atMost(deadline).pollInterval(Duration.ofSeconds(2))
                    .until(() -> serviceDown("agents") != null);
            Duration took = Duration.between(stopped, Instant.now());
            System.out.printf("ServiceDown reached Alertmanager %d s after the stop%n", took.toSeconds());

            // Another alert of the stopped service is inhibited; one of another service is not.
            post("/api/v2/alerts", "[" + alert("AgentQueueFull", "agents", "warning", "pipeline") + ","
                    + alert("AgentQueueFull", "orchestrator", "warning", "pipeline") + "]");
            await("the inhibition").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode agents = find("AgentQueueFull", "agents");
                JsonNode orchestrator = find("AgentQueueFull", "orchestrator");
                assertThat(agents).isNotNull();
                assertThat(agents.path("status").path("inhibitedBy")).isNotEmpty();
                assertThat(orchestrator.path("status").path("inhibitedBy")).isEmpty();
            });
        }
        finally {
            Command.run("./myriad", "start", "agents").succeeded();
        }
        await("ServiceDown for agents resolved").atMost(deadline).pollInterval(Duration.ofSeconds(2))
                .until(() -> serviceDown("agents") == null);
    }

    // ---- Prometheus and Alertmanager -------------------------------------------------------------------------

    private static JsonNode query(String promql) throws IOException, InterruptedException {
        HttpResponse<String> response = LocalFleet.get(fleet.prometheus() + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asString()).as(promql + ": " + response.body()).isEqualTo("success");
        return body.path("data").path("result");
    }

    private static JsonNode serviceDown(String application) throws IOException, InterruptedException {
        return find("ServiceDown", application);
    }

    private static JsonNode find(String alertname, String application) throws IOException, InterruptedException {
        return fleet.alerts().stream()
                .filter(alert -> alertname.equals(alert.path("labels").path("alertname").asString())
                        && application.equals(alert.path("labels").path("application").asString()))
                .findFirst().orElse(null);
    }

    private static void post(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(fleet.alertmanager() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** An alert as Prometheus would send it, for two minutes. */
    private static String alert(String name, String application, String severity, String team) {
        return "{\"labels\":{\"alertname\":\"" + name + "\",\"application\":\"" + application
                + "\",\"env\":\"local\",\"severity\":\"" + severity + "\",\"team\":\"" + team
                + "\"},\"annotations\":{\"summary\":\"posted by MonitoringFleetIT to show the inhibition\"},"
                + "\"endsAt\":\"" + Instant.now().plusSeconds(120) + "\"}";
    }

    // ---- The assets -------------------------------------------------------------------------------------------

    /** Metric family name to its catalog row: name, type, labels, services, help. */
    private static Map<String, String[]> catalog(Path file) throws IOException {
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.substring(2, line.length() - 2).split(" \\| ", -1);
            String name = cells[0].replace("`", "");
            rows.put(name, new String[] {name, cells[1], cells[2], cells[3], cells.length > 4 ? cells[4] : ""});
        }
        return rows;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rules() throws IOException {
        List<Map<String, Object>> rules = new ArrayList<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("deploy/prometheus/rules"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".yml")).sorted().toList()) {
                Map<String, Object> document = new Yaml().load(Files.readString(file));
                for (Map<String, Object> group : (List<Map<String, Object>>) document.get("groups")) {
                    rules.addAll((List<Map<String, Object>>) group.get("rules"));
                }
            }
        }
        return rules;
    }

    private static Set<String> recordingRules() throws IOException {
        Set<String> records = new LinkedHashSet<>();
        rules().stream().filter(rule -> rule.containsKey("record"))
                .forEach(rule -> records.add((String) rule.get("record")));
        return records;
    }

    private static Map<String, String> ruleExpressions() throws IOException {
        Map<String, String> expressions = new LinkedHashMap<>();
        for (Map<String, Object> rule : rules()) {
            String name = (String) (rule.containsKey("record") ? rule.get("record") : rule.get("alert"));
            expressions.merge(name, String.valueOf(rule.get("expr")), (a, b) -> a + " or " + b);
        }
        return expressions;
    }

    /** "{@code <dashboard uid>/<panel title>}" (with " #n" for a panel's further queries) to its expression. */
    private static Map<String, String> panelQueries() throws IOException {
        Map<String, String> queries = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("deploy/grafana/dashboards"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".json")).sorted().toList()) {
                JsonNode dashboard = JSON.readTree(file.toFile());
                String uid = dashboard.path("uid").asString();
                panels(dashboard.path("panels")).forEach(panel -> {
                    int n = 0;
                    for (JsonNode target : panel.path("targets")) {
                        String expr = target.path("expr").asString("");
                        if (!expr.isBlank()) {
                            queries.put(uid + "/" + panel.path("title").asString() + (n++ > 0 ? " #" + n : ""), expr);
                        }
                    }
                });
            }
        }
        return queries;
    }

    private static List<JsonNode> panels(JsonNode panels) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode panel : panels) {
            all.add(panel);
            all.addAll(panels(panel.path("panels")));
        }
        return all;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> faultOnly() throws IOException {
        Path file = ROOT.resolve("deploy/prometheus/fault-only.yml");
        Map<String, String> entries = new LinkedHashMap<>();
        if (Files.exists(file)) {
            List<Map<String, Object>> list = new Yaml().load(Files.readString(file));
            if (list != null) {
                list.forEach(entry -> entries.put((String) entry.get("name"), (String) entry.get("reason")));
            }
        }
        return entries;
    }

    /** A panel's query with its template variables filled in as Grafana would for "All". */
    static String fill(String expr) {
        return expr.replace("${datasource}", "prometheus")
                .replace("$__rate_interval", "1m").replace("${__rate_interval}", "1m")
                .replace("$__interval", "15s").replace("${__interval}", "15s")
                .replace("$__range", "5m").replace("${__range}", "5m")
                .replaceAll("\\$\\{(env|application|instance)(:[a-z]+)?}", ".*")
                .replaceAll("\\$(env|application|instance)\\b", ".*");
    }

    /** The metric names an expression uses: identifiers outside label matchers, strings and function calls. */
    static Set<String> metricNames(String expr) {
        String stripped = expr.replaceAll("\"([^\"\\\\]|\\\\.)*\"", "\"\"") // strings
                .replaceAll("\\{[^}]*}", "{}") // label matchers
                .replaceAll("\\[[^]]*]", "[]") // ranges
                .replaceAll("(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "$1()"); // label lists
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = NAME.matcher(stripped);
        while (matcher.find()) {
            String name = matcher.group(1);
            int after = matcher.end();
            boolean call = after < stripped.length() && stripped.substring(after).stripLeading().startsWith("(")
                    && !PROMQL.contains(name) && !name.contains(":") && !name.contains("_");
            if (!PROMQL.contains(name) && !call && !name.matches("\\d.*")) {
                names.add(name);
            }
        }
        return names;
    }
}
