package io.myriad.fleet.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Prometheus side of the monitoring contract in {@code deploy/prometheus}: promtool accepts the rules, their
 * unit tests and the Compose and Kubernetes configurations; the alerts are exactly the contract's, each labelled,
 * linked to a runbook that exists and to a contract dashboard, and tested firing and quiet; every recording rule has
 * a tested value; every metric a rule reads is one the fleet exposes; the fault-only list names real rules.
 */
class PrometheusRulesTest {

    private static final Path PROMETHEUS = Command.ROOT.resolve("deploy/prometheus");

    private static final String RECORDING = "deploy/prometheus/rules/recording.yml";

    private static final String ALERTS = "deploy/prometheus/rules/alerts.yml";

    private static final String RECORDING_TEST = "deploy/prometheus/tests/recording_test.yml";

    private static final String ALERTS_TEST = "deploy/prometheus/tests/alerts_test.yml";

    private static final String COMPOSE = "deploy/prometheus/prometheus-compose.yml";

    private static final String KUBERNETES = "deploy/prometheus/prometheus-kubernetes.yml";

    /** The metric catalog (./myriad metrics-catalog), kept in the repository. */
    private static final Path CATALOG = Command.ROOT.resolve("docs/metrics.md");

    /** Expositions captured from the running fleet (one text file per service), where a developer has them. */
    private static final Path EXPOSITIONS = Path.of(System.getenv().getOrDefault("MYRIAD_EXPOSITIONS", "/tmp/expo"));

    /** The contract's alerts: team and severities of each. */
    private static final Map<String, Contract> CONTRACT = Map.ofEntries(
            Map.entry("ServiceDown", new Contract("platform", "critical")),
            Map.entry("ServiceRestarted", new Contract("platform", "warning", "critical")),
            Map.entry("QueryAvailabilityBudgetBurn", new Contract("pipeline", "critical", "warning")),
            Map.entry("QueryLatencyBudgetBurn", new Contract("pipeline", "critical", "warning")),
            Map.entry("AgentQueueFull", new Contract("pipeline", "warning", "critical")),
            Map.entry("AgentBackpressurePersistent", new Contract("pipeline", "warning")),
            Map.entry("AgentWorkersStalled", new Contract("pipeline", "critical")),
            Map.entry("KafkaConsumerLagHigh", new Contract("platform", "warning")),
            Map.entry("KafkaDeadLetters", new Contract("platform", "warning")),
            Map.entry("ReminderDeliveryFailures", new Contract("reminders", "warning")),
            Map.entry("AuditLogFailures", new Contract("audit", "critical")),
            Map.entry("RemindersOverdue", new Contract("reminders", "warning")),
            Map.entry("DependencyDown", new Contract("platform", "critical")),
            Map.entry("JvmHeapHigh", new Contract("platform", "warning")),
            Map.entry("GraphBackupStale", new Contract("platform", "warning")));

    private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");

    private static final Set<String> TEAMS = Set.of("platform", "pipeline", "reminders", "audit");

    private static final Set<String> DASHBOARD_UIDS = Set.of("myriad-overview", "myriad-pipeline",
            "myriad-reminders", "myriad-infrastructure");

    /** Names PromQL itself gives meaning to, never metrics. */
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
            "ignoring", "group_left", "group_right", "inf", "nan", "Inf", "NaN");

    /** An identifier not preceded by a name character or a dot (1e3, 0.5) and not followed by "(" (a function). */
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w:.$])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()");

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");

    private static final Pattern GROUPING = Pattern
            .compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

    // --- promtool ------------------------------------------------------------------------------------------------

    @Test
    void promtoolAcceptsBothRuleFiles() {
        Command.assumeInstalled("promtool");

        Command.run("promtool", "check", "rules", RECORDING, ALERTS).succeeded();
    }

    @Test
    void recordingRuleUnitTestsPass() {
        Command.assumeInstalled("promtool");

        assertThat(Command.run("promtool", "test", "rules", RECORDING_TEST).succeeded().output()).contains("SUCCESS");
    }

    @Test
    void alertUnitTestsPass() {
        Command.assumeInstalled("promtool");

        assertThat(Command.run("promtool", "test", "rules", ALERTS_TEST).succeeded().output()).contains("SUCCESS");
    }

    @Test
    void promtoolAcceptsTheComposeConfigurationAndItsRules() {
        Command.assumeInstalled("promtool");

        String output = Command.run("promtool", "check", "config", COMPOSE).succeeded().output();

        assertThat(output).contains("SUCCESS: 2 rule files found");
    }

    /**
     * Debian's Prometheus is built without Kubernetes service discovery, so its promtool rejects
     * {@code kubernetes_sd_configs}. There the rest of the file (relabelling, rule files, alerting) is checked by
     * promtool with the discovery swapped for a file_sd of the same role's labels; a promtool with Kubernetes
     * discovery checks the file as it is.
     */
    @Test
    void promtoolAcceptsTheKubernetesConfiguration(@TempDir Path dir) throws IOException {
        Command.assumeInstalled("promtool");

        Command.Result result = Command.run("promtool", "check", "config", KUBERNETES);
        if (result.exitCode() != 0 && result.output().contains("field kubernetes_sd_configs not found")) {
            Map<String, Object> config = yaml(Command.ROOT.resolve(KUBERNETES));
            Map<String, Object> job = myriadJob(config);
            assertThat(maps(job.remove("kubernetes_sd_configs"))).singleElement()
                    .satisfies((sd) -> assertThat(sd).containsEntry("role", "pod"));
            job.put("file_sd_configs", List.of(Map.of("files", List.of("pods.json"))));
            Files.writeString(dir.resolve("pods.json"), "[]");
            Files.createDirectories(dir.resolve("rules"));
            Files.copy(PROMETHEUS.resolve("rules/recording.yml"), dir.resolve("rules/recording.yml"));
            Files.copy(PROMETHEUS.resolve("rules/alerts.yml"), dir.resolve("rules/alerts.yml"));
            Files.writeString(dir.resolve("prometheus.yml"), new Yaml().dump(config));
            result = Command.run("promtool", "check", "config", dir.resolve("prometheus.yml").toString());
        }
        assertThat(result.succeeded().output()).contains("SUCCESS: 2 rule files found");
    }

    // --- scrape configurations --------------------------------------------------------------------------------

    @Test
    void composeScrapesTheSixServicesByNameEvery15sHonouringTheirLabels() {
        Map<String, Object> config = yaml(Command.ROOT.resolve(COMPOSE));
        Map<String, Object> job = myriadJob(config);

        assertThat(job).containsEntry("honor_labels", true).containsEntry("scrape_interval", "15s")
                .containsEntry("metrics_path", "/actuator/prometheus");
        Map<String, Map<String, Object>> targets = new TreeMap<>();
        for (Map<String, Object> group : maps(job.get("static_configs"))) {
            for (Object target : (List<?>) group.get("targets")) {
                targets.put((String) target, asMap(group.get("labels")));
            }
        }
        assertThat(targets).containsOnlyKeys("orchestrator:9000", "agents:9001", "input-processor:9003",
                "output-processor:9004", "reminder-service:9005", "graphdb-manager:9008");
        targets.forEach((target, labels) -> assertThat(labels).as(target)
                .containsEntry("application", target.substring(0, target.indexOf(':')))
                .containsEntry("env", "compose"));
        assertThat(config.get("rule_files")).isEqualTo(List.of("rules/recording.yml", "rules/alerts.yml"));
        assertThat(String.valueOf(config.get("alerting"))).contains("alertmanager:9093");
    }

    @Test
    void kubernetesKeepsAnnotatedPodsOnTheirPortAndPathWithApplicationAndEnvFromLabelAndNamespace() {
        Map<String, Object> config = yaml(Command.ROOT.resolve(KUBERNETES));
        Map<String, Object> job = myriadJob(config);
        assertThat(job).containsEntry("honor_labels", true).containsEntry("scrape_interval", "15s");
        List<Map<String, Object>> relabelling = maps(job.get("relabel_configs"));

        Map<String, String> pod = new HashMap<>(Map.of(
                "__address__", "10.1.2.3:8080",
                "__meta_kubernetes_pod_ip", "10.1.2.3",
                "__meta_kubernetes_namespace", "myriad-prod",
                "__meta_kubernetes_pod_name", "orchestrator-7d9f-x2x",
                "__meta_kubernetes_pod_phase", "Running",
                "__meta_kubernetes_pod_label_app_kubernetes_io_name", "orchestrator",
                "__meta_kubernetes_pod_annotation_prometheus_io_scrape", "true",
                "__meta_kubernetes_pod_annotation_prometheus_io_port", "9000",
                "__meta_kubernetes_pod_annotation_prometheus_io_path", "/actuator/prometheus"));
        Map<String, String> target = relabel(job, pod, relabelling);
        assertThat(target).containsEntry("__address__", "10.1.2.3:9000")
                .containsEntry("__metrics_path__", "/actuator/prometheus").containsEntry("application", "orchestrator")
                .containsEntry("env", "myriad-prod").containsEntry("job", "myriad");

        pod.remove("__meta_kubernetes_pod_annotation_prometheus_io_path");
        assertThat(relabel(job, pod, relabelling)).as("without a path annotation")
                .containsEntry("__metrics_path__", "/actuator/prometheus");

        Map<String, String> finished = new HashMap<>(pod);
        finished.put("__meta_kubernetes_pod_phase", "Succeeded");
        assertThat(relabel(job, finished, relabelling)).as("a finished pod").isNull();

        Map<String, String> unannotated = new HashMap<>(pod);
        unannotated.remove("__meta_kubernetes_pod_annotation_prometheus_io_scrape");
        assertThat(relabel(job, unannotated, relabelling)).as("a pod without prometheus.io/scrape").isNull();
    }

    // --- alerts ----------------------------------------------------------------------------------------------

    @Test
    void theAlertsAreExactlyTheContractsWithTheirTeamsAndSeverities() {
        Map<String, Set<String>> severities = new TreeMap<>();
        for (Map<String, Object> rule : alertRules()) {
            String name = (String) rule.get("alert");
            Map<String, Object> labels = asMap(rule.get("labels"));
            assertThat(severities.computeIfAbsent(name, (key) -> new TreeSet<>()).add((String) labels.get("severity")))
                    .as(name + " has one rule per severity").isTrue();
            assertThat(labels.get("team")).as(name + " team").isEqualTo(CONTRACT.containsKey(name)
                    ? CONTRACT.get(name).team() : "(not in the contract)");
        }

        assertThat(severities.keySet()).containsExactlyInAnyOrderElementsOf(CONTRACT.keySet());
        CONTRACT.forEach((name, contract) -> assertThat(severities.get(name)).as(name + " severities")
                .containsExactlyInAnyOrderElementsOf(contract.severities()));
    }

    @Test
    void everyAlertIsLabelledAndLinksAnExistingRunbookAndAContractDashboard() {
        for (Map<String, Object> rule : alertRules()) {
            String name = (String) rule.get("alert");
            Map<String, Object> labels = asMap(rule.get("labels"));
            Map<String, Object> annotations = asMap(rule.get("annotations"));

            assertThat(labels.get("severity")).as(name + " severity").isIn(SEVERITIES);
            assertThat(labels.get("team")).as(name + " team").isIn(TEAMS);
            assertThat(annotations).as(name + " annotations")
                    .containsOnlyKeys("summary", "description", "runbook_url", "dashboard_url");
            assertThat((String) annotations.get("summary")).as(name + " summary").isNotBlank();
            assertThat((String) annotations.get("description")).as(name + " description").isNotBlank();
            assertThat(annotations.get("runbook_url")).as(name + " runbook_url")
                    .isEqualTo("docs/runbooks/" + name + ".md");
            assertThat(Command.ROOT.resolve((String) annotations.get("runbook_url"))).as(name + " runbook")
                    .isRegularFile();
            Matcher dashboard = Pattern.compile("/d/([a-z0-9-]+)").matcher((String) annotations.get("dashboard_url"));
            assertThat(dashboard.matches()).as(name + " dashboard_url " + annotations.get("dashboard_url")).isTrue();
            assertThat(dashboard.group(1)).as(name + " dashboard uid").isIn(DASHBOARD_UIDS);
        }
    }

    @Test
    void theRunbookIndexListsEveryAlert() throws IOException {
        String index = Files.readString(Command.ROOT.resolve("docs/runbooks/README.md"));

        for (String name : CONTRACT.keySet()) {
            assertThat(index).as("docs/runbooks/README.md").contains("(" + name + ".md)");
        }
    }

    /**
     * The convention of alerts_test.yml: for every alert an alert_rule_test that fires it (exp_alerts not empty),
     * firing at each of its severities, and one that keeps it quiet ({@code exp_alerts: []}); every expected alert
     * keeps application and env.
     */
    @Test
    void everyAlertIsTestedFiringAtEachSeverityAndQuiet() {
        Map<String, Set<String>> firing = new TreeMap<>();
        Set<String> quiet = new TreeSet<>();
        for (Map<String, Object> test : maps(yaml(Command.ROOT.resolve(ALERTS_TEST)).get("tests"))) {
            for (Map<String, Object> check : maps(test.get("alert_rule_test"))) {
                String name = (String) check.get("alertname");
                assertThat(check).as(name + " at " + check.get("eval_time") + " says what it expects")
                        .containsKey("exp_alerts");
                List<Map<String, Object>> expected = maps(check.get("exp_alerts"));
                if (expected.isEmpty()) {
                    quiet.add(name);
                }
                for (Map<String, Object> alert : expected) {
                    Map<String, Object> labels = asMap(alert.get("exp_labels"));
                    assertThat(labels).as(name + " keeps application and env").containsKeys("application", "env");
                    assertThat(asMap(alert.get("exp_annotations"))).as(name + " annotations are expected")
                            .containsKeys("summary", "description", "runbook_url", "dashboard_url");
                    firing.computeIfAbsent(name, (key) -> new TreeSet<>()).add((String) labels.get("severity"));
                }
            }
        }

        for (String name : alertNames()) {
            assertThat(firing).as("a test case where " + name + " fires").containsKey(name);
            assertThat(quiet).as("a test case where " + name + " stays quiet (exp_alerts: [])").contains(name);
            assertThat(firing.get(name)).as(name + " fires at each of its severities")
                    .containsAll(severities(name));
        }
    }

    // --- recording rules -------------------------------------------------------------------------------------

    @Test
    void everyRecordingRuleFollowsTheNamingAndHasATestedValue() {
        Set<String> tested = new TreeSet<>();
        for (Map<String, Object> test : maps(yaml(Command.ROOT.resolve(RECORDING_TEST)).get("tests"))) {
            for (Map<String, Object> check : maps(test.get("promql_expr_test"))) {
                if (!maps(check.get("exp_samples")).isEmpty()) {
                    tested.addAll(metricNames((String) check.get("expr")));
                }
            }
        }

        for (String record : recordingRules().keySet()) {
            assertThat(record).as("level:metric:operations").matches("[a-z_]+:[a-z0-9_]+:[a-z0-9_]+");
            assertThat(tested).as("a value expected for " + record + " in " + RECORDING_TEST).contains(record);
        }
    }

    @Test
    void everyRecordedSeriesKeepsApplicationAndEnv() {
        recordingRules().forEach((record, expr) -> {
            Matcher grouping = Pattern.compile("\\b(by|without)\\s*\\(([^)]*)\\)").matcher(expr);
            while (grouping.find()) {
                List<String> labels = List.of(grouping.group(2).split("\\s*,\\s*"));
                if (grouping.group(1).equals("by")) {
                    assertThat(labels).as(record + ": " + grouping.group()).contains("application", "env");
                }
                else {
                    assertThat(labels).as(record + ": " + grouping.group()).doesNotContain("application", "env");
                }
            }
        });
    }

    @Test
    void everyMetricARuleReadsIsExposedByTheFleetOrRecorded() throws IOException {
        Set<String> exposed = exposedMetrics();
        Set<String> recorded = recordingRules().keySet();
        Map<String, String> expressions = new LinkedHashMap<>(recordingRules());
        alertRules().forEach((rule) -> expressions.put(rule.get("alert") + "/" + asMap(rule.get("labels"))
                .get("severity"), (String) rule.get("expr")));

        Set<String> unknown = new TreeSet<>();
        expressions.forEach((rule, expr) -> {
            for (String metric : metricNames(expr)) {
                if (!metric.equals("up") && !recorded.contains(metric) && !exposed.contains(metric)) {
                    unknown.add(metric + " (" + rule + ")");
                }
            }
        });
        assertThat(unknown).as("metrics neither exposed by the fleet nor recorded").isEmpty();
    }

    @Test
    void theLatencySloReadsTheOneSecondBucketMicrometerExposes() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(EXPOSITIONS.resolve("orchestrator.txt")),
                "no captured exposition of the orchestrator in " + EXPOSITIONS);
        String orchestrator = Files.readString(EXPOSITIONS.resolve("orchestrator.txt"));

        assertThat(orchestrator).containsPattern("orchestrator_query_duration_seconds_bucket\\{[^}]*le=\"1.0\"");
        assertThat(recordingRules()).allSatisfy((record, expr) -> {
            if (record.contains("queries_slow")) {
                assertThat(expr).contains("le=~\"1|1\\\\.0\"");
            }
        });
    }

    @Test
    void everyFaultOnlyRuleIsARecordingRuleWithAReason() {
        List<Map<String, Object>> entries = maps(load(PROMETHEUS.resolve("fault-only.yml")));
        Set<String> recorded = recordingRules().keySet();

        for (Map<String, Object> entry : entries) {
            assertThat(entry.get("kind")).as(entry.toString()).isIn("rule", "panel");
            assertThat((String) entry.get("reason")).as(entry + " reason").isNotBlank();
            String name = (String) entry.get("name");
            if (entry.get("kind").equals("rule")) {
                assertThat(recorded).as("fault-only rule " + name).contains(name);
            }
            else {
                assertThat(name).as("fault-only panel <dashboard uid>/<panel title>").contains("/");
                assertThat(name.substring(0, name.indexOf('/'))).as(name).isIn(DASHBOARD_UIDS);
            }
        }
    }

    @Test
    void readsMetricNamesOutOfExpressions() {
        assertThat(metricNames("histogram_quantile(0.99, sum by (application, env, le) (rate(http_server_requests"
                + "_seconds_bucket{status=~\"5..\", le=~\"1|1\\\\.0\"}[5m]))) > 14.4 * 0.005 and on (application) "
                + "time() - max by (application, env) (graphdb_backup_last_success_timestamp_seconds) > 26 * 3600"))
                .containsExactlyInAnyOrder("http_server_requests_seconds_bucket",
                        "graphdb_backup_last_success_timestamp_seconds");
        assertThat(metricNames("max by (application, env, group) (label_replace(kafka_consumer_fetch_manager_records"
                + "_lag >= 0, \"group\", \"$1\", \"client_id\", \"consumer-(.+)-[0-9]+\"))"))
                .containsExactly("kafka_consumer_fetch_manager_records_lag");
        assertThat(metricNames("min_over_time(instance:agents_queue_utilization:ratio[5m]) > 0 and on (instance) "
                + "sum without (priority) (increase(agents_observations_total[5m] offset 1m)) == 1e3"))
                .containsExactlyInAnyOrder("instance:agents_queue_utilization:ratio", "agents_observations_total");
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Metric names in a PromQL expression: identifiers outside strings, label matchers, ranges and groupings. */
    static Set<String> metricNames(String expr) {
        String bare = STRING.matcher(expr).replaceAll("\"\"");
        bare = bare.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^\\]]*]", " ");
        bare = GROUPING.matcher(bare).replaceAll(" ");
        Set<String> names = new LinkedHashSet<>();
        Matcher identifier = IDENTIFIER.matcher(bare);
        while (identifier.find()) {
            if (!KEYWORDS.contains(identifier.group(1))) {
                names.add(identifier.group(1));
            }
        }
        return names;
    }

    /**
     * Every series name the fleet exposes: from the captured expositions where they are, and from the metric
     * catalog (docs/metrics.md), whose families stand for their _bucket, _count, _sum series too.
     */
    private static Set<String> exposedMetrics() throws IOException {
        Set<String> names = new TreeSet<>();
        if (Files.isDirectory(EXPOSITIONS)) {
            try (Stream<Path> files = Files.list(EXPOSITIONS)) {
                for (Path file : files.filter((f) -> f.toString().endsWith(".txt")).toList()) {
                    try (Stream<String> lines = Files.lines(file)) {
                        lines.filter((line) -> !line.isBlank() && !line.startsWith("#"))
                                .map((line) -> line.split("[{ ]", 2)[0]).forEach(names::add);
                    }
                }
            }
        }
        if (Files.isRegularFile(CATALOG)) {
            Matcher family = Pattern.compile("(?m)^\\| `([a-zA-Z_:][a-zA-Z0-9_:]*)` \\| (\\w+) \\|")
                    .matcher(Files.readString(CATALOG));
            while (family.find()) {
                names.add(family.group(1));
                if (family.group(2).equals("histogram") || family.group(2).equals("summary")) {
                    Stream.of("_bucket", "_count", "_sum").forEach((suffix) -> names.add(family.group(1) + suffix));
                }
            }
        }
        String missing = "neither captured expositions (" + EXPOSITIONS + ", MYRIAD_EXPOSITIONS) nor the metric "
                + "catalog (docs/metrics.md, ./myriad metrics-catalog) to check the rules' metrics against";
        if (System.getenv("CI") != null) {
            assertThat(names).as(missing).isNotEmpty();
        }
        Assumptions.assumeFalse(names.isEmpty(), missing);
        return names;
    }

    /** Applies a job's relabelling to a discovered target the way Prometheus does; null if dropped. */
    private static Map<String, String> relabel(Map<String, Object> job, Map<String, String> discovered,
            List<Map<String, Object>> relabelling) {
        Map<String, String> labels = new HashMap<>(discovered);
        labels.put("job", (String) job.get("job_name"));
        labels.putIfAbsent("__metrics_path__", (String) job.getOrDefault("metrics_path", "/metrics"));
        for (Map<String, Object> step : relabelling) {
            List<?> sources = (List<?>) step.getOrDefault("source_labels", List.of());
            String value = sources.stream().map((source) -> labels.getOrDefault((String) source, ""))
                    .collect(Collectors.joining((String) step.getOrDefault("separator", ";")));
            Matcher match = Pattern.compile("^(?:" + step.getOrDefault("regex", "(.*)") + ")$").matcher(value);
            switch ((String) step.getOrDefault("action", "replace")) {
                case "keep" -> {
                    if (!match.matches()) {
                        return null;
                    }
                }
                case "drop" -> {
                    if (match.matches()) {
                        return null;
                    }
                }
                case "replace" -> {
                    if (match.matches()) {
                        String result = match.replaceFirst((String) step.getOrDefault("replacement", "$1"));
                        String target = (String) step.get("target_label");
                        if (result.isEmpty()) {
                            labels.remove(target);
                        }
                        else {
                            labels.put(target, result);
                        }
                    }
                }
                default -> throw new AssertionError("relabel action not simulated here: " + step);
            }
        }
        return labels;
    }

    /** The severities of an alert's rules. */
    private static Set<String> severities(String alert) {
        return alertRules().stream().filter((rule) -> alert.equals(rule.get("alert")))
                .map((rule) -> (String) asMap(rule.get("labels")).get("severity"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, Object> myriadJob(Map<String, Object> config) {
        return maps(config.get("scrape_configs")).stream().filter((job) -> "myriad".equals(job.get("job_name")))
                .findFirst().orElseThrow(() -> new AssertionError("no scrape job myriad"));
    }

    private static List<Map<String, Object>> alertRules() {
        return rules(ALERTS).stream().filter((rule) -> rule.containsKey("alert")).toList();
    }

    private static Set<String> alertNames() {
        return alertRules().stream().map((rule) -> (String) rule.get("alert"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** record -> expr of every recording rule. */
    private static Map<String, String> recordingRules() {
        Map<String, String> records = new LinkedHashMap<>();
        for (Map<String, Object> rule : rules(RECORDING)) {
            assertThat(records.put((String) rule.get("record"), (String) rule.get("expr")))
                    .as("recorded once: " + rule.get("record")).isNull();
        }
        return records;
    }

    private static List<Map<String, Object>> rules(String file) {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> group : maps(yaml(Command.ROOT.resolve(file)).get("groups"))) {
            rules.addAll(maps(group.get("rules")));
        }
        return rules;
    }

    private static Map<String, Object> yaml(Path file) {
        return asMap(load(file));
    }

    private static Object load(Path file) {
        try {
            return new Yaml().load(Files.readString(file));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (value != null) ? (Map<String, Object>) value : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object value) {
        return (value != null) ? (List<Map<String, Object>>) value : List.of();
    }

    private record Contract(String team, Set<String> severities) {

        Contract(String team, String... severities) {
            this(team, Set.of(severities));
        }
    }
}
