package io.myriad.fleet.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboards and provisioning of {@code deploy/grafana}: what Grafana needs to load them, what the
 * monitoring contract fixes (uids, variables, the Prometheus datasource variable), and that every query asks for
 * metrics that exist (catalogued in {@code docs/metrics.md} or recorded by a rule). Whether each query returns data
 * is for the live test against a Prometheus scraping the fleet.
 */
class GrafanaDashboardsTest {

    private static final Path GRAFANA = Command.ROOT.resolve("deploy/grafana");

    private static final Path DASHBOARDS = GRAFANA.resolve("dashboards");

    private static final Path CATALOG = Command.ROOT.resolve("docs/metrics.md");

    private static final Path RECORDING_RULES = Command.ROOT.resolve("deploy/prometheus/rules/recording.yml");

    private static final Set<String> CONTRACT_UIDS = Set.of("myriad-overview", "myriad-pipeline", "myriad-reminders",
            "myriad-infrastructure");

    private static final Map<String, String> PROMETHEUS = Map.of("type", "prometheus", "uid", "${datasource}");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Names PromQL itself gives meaning to, never metrics. */
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
            "ignoring", "group_left", "group_right", "inf", "nan", "Inf", "NaN");

    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w:.$])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()");

    private static final Pattern RANGE = Pattern.compile("\\[([^\\]]*)]");

    static Stream<Path> dashboards() throws IOException {
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            return files.filter((file) -> file.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @Test
    void theDashboardsAreExactlyTheContractsFourEachWithItsOwnUid() throws IOException {
        List<String> uids = dashboards().map(GrafanaDashboardsTest::read).map((board) -> board.path("uid").asString())
                .toList();

        assertThat(uids).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(CONTRACT_UIDS);
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void isAnEditableSchema39DashboardLinkedToTheOtherMyriadDashboards(Path file) {
        JsonNode board = read(file);

        assertThat(board.path("schemaVersion").asInt()).as("schemaVersion").isEqualTo(39);
        assertThat(board.path("editable").asBoolean()).as("editable").isTrue();
        assertThat(board.path("title").asString()).isNotBlank();
        assertThat(strings(board.path("tags"))).contains("myriad");
        assertThat(board.path("links").values()).as("a dashboards link by the tag myriad")
                .anySatisfy((link) -> {
                    assertThat(link.path("type").asString()).isEqualTo("dashboards");
                    assertThat(strings(link.path("tags"))).contains("myriad");
                });
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void hasTheDatasourceEnvApplicationAndInstanceVariablesWithAllMeaningAnything(Path file) {
        JsonNode variables = read(file).path("templating").path("list");

        JsonNode datasource = variable(variables, "datasource");
        assertThat(datasource.path("type").asString()).isEqualTo("datasource");
        assertThat(datasource.path("query").asString()).isEqualTo("prometheus");
        for (String name : List.of("env", "application", "instance")) {
            JsonNode variable = variable(variables, name);
            assertThat(variable.path("type").asString()).as(name).isEqualTo("query");
            assertThat(variable.path("query").asString()).as(name).startsWith("label_values(").endsWith(name + ")");
            assertThat(variable.path("includeAll").asBoolean()).as(name + " includeAll").isTrue();
            assertThat(variable.path("allValue").asString()).as(name + " allValue").isEqualTo(".*");
            assertThat(datasourceOf(variable)).as(name + " datasource").isEqualTo(PROMETHEUS);
        }
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void everyPanelQueriesThePrometheusDatasourceVariableWithDistinctRefIds(Path file) {
        List<JsonNode> panels = panels(read(file));
        assertThat(panels).isNotEmpty();

        for (JsonNode panel : panels) {
            String title = panel.path("title").asString();
            assertThat(title).as("panel title").isNotBlank();
            assertThat(datasourceOf(panel)).as(title).isEqualTo(PROMETHEUS);
            List<JsonNode> targets = List.copyOf(panel.path("targets").values());
            assertThat(targets).as(title + ": targets").isNotEmpty();
            Set<String> refIds = new HashSet<>();
            for (JsonNode target : targets) {
                assertThat(target.path("expr").asString()).as(title + ": expr").isNotBlank();
                assertThat(target.has("legendFormat")).as(title + ": legendFormat").isTrue();
                String refId = target.path("refId").asString();
                assertThat(refId).as(title + ": refId").isNotBlank();
                assertThat(refIds.add(refId)).as(title + ": refId " + refId + " is unique").isTrue();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void everyPanelTitleIsUniqueSoTheFaultOnlyListCanNameIt(Path file) {
        List<String> titles = panels(read(file)).stream().map((panel) -> panel.path("title").asString()).toList();

        assertThat(titles).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void everyQueryFollowsTheVariablesAndRatesOverTheRateInterval(Path file) {
        for (Map.Entry<String, String> query : queries(read(file)).entrySet()) {
            String expr = query.getValue();
            assertThat(expr).as(query.getKey()).contains("env=~\"$env\"").contains("application=~\"$application\"");
            // up carries the scrape address as instance, not the services' own instance label; recorded series
            // (level:metric:operations) are aggregated by application and env, without instance.
            boolean instanceLabelled = metricNames(expr).stream()
                    .anyMatch((metric) -> !metric.equals("up") && !metric.contains(":"));
            if (instanceLabelled) {
                assertThat(expr).as(query.getKey()).contains("instance=~\"$instance\"");
            }
            Matcher range = RANGE.matcher(withoutStrings(expr));
            while (range.find()) {
                assertThat(range.group(1)).as(query.getKey() + ": range").isEqualTo("$__rate_interval");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void showsFiringAlertsAsAnnotations(Path file) {
        JsonNode annotations = read(file).path("annotations").path("list");

        assertThat(annotations.values()).anySatisfy((annotation) -> {
            assertThat(annotation.path("enable").asBoolean()).isTrue();
            assertThat(datasourceOf(annotation)).isEqualTo(PROMETHEUS);
            assertThat(annotation.path("expr").asString()).startsWith("ALERTS{").contains("alertstate=\"firing\"");
        });
    }

    @Test
    void panelsWithAnAlertShowItsThreshold() {
        assertThat(thresholds("myriad-pipeline", "Agent queue fill (% of capacity)")).contains(0.8, 0.9);
        assertThat(thresholds("myriad-pipeline", "Kafka consumer lag by group")).contains(1000.0);
        assertThat(thresholds("myriad-infrastructure", "Consumer lag by group")).contains(1000.0);
        assertThat(thresholds("myriad-pipeline", "Query error budget burn rate (1h)")).contains(6.0, 14.4);
        assertThat(thresholds("myriad-infrastructure", "Heap used (% of max)")).contains(0.9);
        assertThat(thresholds("myriad-reminders", "Delivery failure ratio by channel")).contains(0.1);
        assertThat(thresholds("myriad-reminders", "Delivery success ratio by channel")).contains(0.9);
        assertThat(thresholds("myriad-reminders", "Overdue reminders")).contains(1.0);
        assertThat(thresholds("myriad-overview", "Query duration p50 / p95")).contains(1.0);
    }

    @Test
    void everyMetricInAQueryIsCataloguedOrRecorded() throws IOException {
        Assumptions.assumeTrue(Files.exists(CATALOG), "docs/metrics.md is not there yet: no catalog to check against");
        String catalog = Files.readString(CATALOG);
        Set<String> recorded = recordingRules();

        Set<String> unknown = new TreeSet<>();
        for (Path file : dashboards().toList()) {
            JsonNode board = read(file);
            for (Map.Entry<String, String> query : queries(board).entrySet()) {
                for (String metric : metricNames(query.getValue())) {
                    if (!metric.equals("up") && !metric.equals("ALERTS") && !recorded.contains(metric)
                            && !catalogued(catalog, metric)) {
                        unknown.add(metric + " (" + query.getKey() + ")");
                    }
                }
            }
        }
        assertThat(unknown).as("metrics neither in docs/metrics.md nor recorded in " + RECORDING_RULES).isEmpty();
    }

    @Test
    void readsMetricNamesOutOfQueries() {
        assertThat(metricNames("histogram_quantile(0.95, sum by (application, le) (rate(http_server_requests_seconds"
                + "_bucket{env=~\"$env\", status!~\"5..\"}[$__rate_interval]))) / on (application) group_left "
                + "max by (application) (jvm_info) * 1e3 > bool 0"))
                .containsExactlyInAnyOrder("http_server_requests_seconds_bucket", "jvm_info");
        assertThat(metricNames("max by (group) (label_replace(kafka_consumer_fetch_manager_records_lag{a=\"b\"}, "
                + "\"group\", \"$1\", \"client_id\", \"consumer-(.+)-[0-9]+\")) or ALERTS"))
                .containsExactlyInAnyOrder("kafka_consumer_fetch_manager_records_lag", "ALERTS");
    }

    @Test
    void findsAMetricInTheCatalogByItsExposedOrItsBaseName() {
        String catalog = """
                | `orchestrator_query_duration_seconds` | histogram | |
                | `agents_cache_hits_total` | counter | |
                """;

        assertThat(catalogued(catalog, "orchestrator_query_duration_seconds_bucket")).isTrue();
        assertThat(catalogued(catalog, "agents_cache_hits_total")).isTrue();
        assertThat(catalogued(catalog, "agents_cache")).isFalse();
        assertThat(catalogued(catalog, "orchestrator_query_duration")).isFalse();
    }

    @Test
    void datasourcesProvisionPrometheusLokiAndJaegerFromTheEnvironmentWithoutSecrets() throws IOException {
        Map<String, Object> file = yaml(GRAFANA.resolve("provisioning/datasources/datasources.yml"));
        List<Map<String, Object>> datasources = maps(file.get("datasources"));

        assertThat(datasources).extracting((datasource) -> datasource.get("uid"))
                .containsExactlyInAnyOrder("prometheus", "loki", "jaeger");
        Map<String, String> urls = Map.of("prometheus", "${PROMETHEUS_URL}", "loki", "${LOKI_URL}", "jaeger",
                "${JAEGER_URL}");
        for (Map<String, Object> datasource : datasources) {
            assertThat(datasource.get("type")).isEqualTo(datasource.get("uid"));
            assertThat(datasource.get("url")).isEqualTo(urls.get(datasource.get("uid")));
            assertThat(datasource).doesNotContainKeys("secureJsonData", "basicAuthPassword", "password");
        }
        assertThat(keys(file)).as("keys of the datasources file")
                .noneMatch((key) -> key.matches("(?i).*(password|secret|token|apikey|api_key|secureJsonData).*"));

        Map<String, Object> prometheus = jsonData(datasources, "prometheus");
        assertThat(maps(prometheus.get("exemplarTraceIdDestinations")))
                .anySatisfy((destination) -> assertThat(destination).containsEntry("name", "trace_id")
                        .containsEntry("datasourceUid", "jaeger"));
        Map<String, Object> loki = jsonData(datasources, "loki");
        assertThat(maps(loki.get("derivedFields"))).anySatisfy((field) -> {
            assertThat(field).containsEntry("datasourceUid", "jaeger");
            Matcher traceId = Pattern.compile((String) field.get("matcherRegex")).matcher(
                    "{\"message\":\"answered\",\"trace.id\":\"32c581a6778c228fbb36015b963285ba\",\"span.id\":\"4e\"}");
            assertThat(traceId.find()).as("the regex finds the ECS trace.id").isTrue();
            assertThat(traceId.group(1)).isEqualTo("32c581a6778c228fbb36015b963285ba");
        });
        Map<String, Object> tracesToLogs = asMap(jsonData(datasources, "jaeger").get("tracesToLogsV2"));
        assertThat(tracesToLogs).containsEntry("datasourceUid", "loki").containsEntry("filterByTraceID", true);
        assertThat(maps(tracesToLogs.get("tags"))).anySatisfy((tag) -> assertThat(tag)
                .containsEntry("key", "service.name").containsEntry("value", "application"));
    }

    @Test
    void dashboardProviderLoadsTheMountedDashboardsIntoTheMyriadFolder() {
        List<Map<String, Object>> providers = maps(
                yaml(GRAFANA.resolve("provisioning/dashboards/dashboards.yml")).get("providers"));

        assertThat(providers).singleElement().satisfies((provider) -> {
            assertThat(provider).containsEntry("type", "file").containsEntry("folder", "Myriad");
            assertThat(asMap(provider.get("options"))).containsEntry("path", "/var/lib/grafana/dashboards");
        });
    }

    // ---------------------------------------------------------------------------------------------------------

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(Files.readString(file));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static JsonNode byUid(String uid) {
        try {
            return dashboards().map(GrafanaDashboardsTest::read)
                    .filter((board) -> board.path("uid").asString().equals(uid))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no dashboard " + uid));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Every panel but rows, including the panels a collapsed row holds. */
    private static List<JsonNode> panels(JsonNode board) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : board.path("panels").values()) {
            if (panel.path("type").asString().equals("row")) {
                panels.addAll(panel.path("panels").values());
            }
            else {
                panels.add(panel);
            }
        }
        return panels;
    }

    /** Each panel target's expression, keyed by "uid/panel title/refId". */
    private static Map<String, String> queries(JsonNode board) {
        Map<String, String> queries = new LinkedHashMap<>();
        for (JsonNode panel : panels(board)) {
            for (JsonNode target : panel.path("targets").values()) {
                queries.put(board.path("uid").asString() + "/" + panel.path("title").asString() + "/"
                        + target.path("refId").asString(), target.path("expr").asString());
            }
        }
        return queries;
    }

    private static List<Double> thresholds(String uid, String title) {
        JsonNode panel = panels(byUid(uid)).stream()
                .filter((candidate) -> candidate.path("title").asString().equals(title))
                .findFirst()
                .orElseThrow(() -> new AssertionError(uid + " has no panel " + title));
        return panel.path("fieldConfig").path("defaults").path("thresholds").path("steps").values().stream()
                .filter((step) -> step.path("value").isNumber())
                .map((step) -> step.path("value").asDouble())
                .toList();
    }

    private static JsonNode variable(JsonNode variables, String name) {
        return variables.values().stream()
                .filter((variable) -> variable.path("name").asString().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no template variable " + name));
    }

    private static Map<String, String> datasourceOf(JsonNode node) {
        JsonNode datasource = node.path("datasource");
        return Map.of("type", datasource.path("type").asString(""), "uid", datasource.path("uid").asString(""));
    }

    private static List<String> strings(JsonNode array) {
        return array.values().stream().map(JsonNode::asString).toList();
    }

    /**
     * The metric names a PromQL expression selects: identifiers outside strings, label matchers, ranges and
     * grouping clauses that are neither functions nor keywords.
     */
    static Set<String> metricNames(String expr) {
        String stripped = withoutStrings(expr)
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^\\]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new LinkedHashSet<>();
        Matcher identifier = IDENTIFIER.matcher(stripped);
        while (identifier.find()) {
            if (!KEYWORDS.contains(identifier.group(1))) {
                names.add(identifier.group(1));
            }
        }
        return names;
    }

    /** The expression with every string literal emptied, so that nothing inside one reads as PromQL. */
    private static String withoutStrings(String expr) {
        return expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
    }

    /** In the catalog as it is exposed or by its base name (histogram and counter suffixes dropped). */
    private static boolean catalogued(String catalog, String metric) {
        String base = metric.replaceFirst("_(bucket|count|sum|max|total)$", "");
        return Stream.of(metric, base).distinct().anyMatch((name) -> Pattern
                .compile("(?<![A-Za-z0-9_:])" + Pattern.quote(name) + "(?![A-Za-z0-9_:])").matcher(catalog).find());
    }

    private static Set<String> recordingRules() {
        Set<String> records = new HashSet<>();
        if (Files.exists(RECORDING_RULES)) {
            for (Map<String, Object> group : maps(yaml(RECORDING_RULES).get("groups"))) {
                for (Map<String, Object> rule : maps(group.get("rules"))) {
                    if (rule.get("record") != null) {
                        records.add(rule.get("record").toString());
                    }
                }
            }
        }
        return records;
    }

    private static Map<String, Object> yaml(Path file) {
        try {
            return asMap(new Yaml().load(Files.readString(file)));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static Map<String, Object> jsonData(List<Map<String, Object>> datasources, String uid) {
        return datasources.stream()
                .filter((datasource) -> uid.equals(datasource.get("uid")))
                .findFirst()
                .map((datasource) -> asMap(datasource.get("jsonData")))
                .orElseThrow();
    }

    /** Every key at every depth of a YAML document. */
    private static List<String> keys(Object node) {
        List<String> keys = new ArrayList<>();
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                keys.add(String.valueOf(key));
                keys.addAll(keys(value));
            });
        }
        else if (node instanceof List<?> list) {
            list.forEach((item) -> keys.addAll(keys(item)));
        }
        return keys;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object node) {
        assertThat(node).isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object node) {
        assertThat(node).isInstanceOf(List.class);
        return (List<Map<String, Object>>) node;
    }
}
