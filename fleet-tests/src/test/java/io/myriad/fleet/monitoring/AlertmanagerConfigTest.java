package io.myriad.fleet.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves deploy/alertmanager: both configurations are valid (amtool), every case of tests/routes.txt routes to the
 * expected receivers in both, every route of the tree is exercised by a case, the local configuration has exactly
 * the production route tree and inhibitions, no secret is inline, the templates put full runbook and dashboard links
 * into the messages. No server is started (amtool is a command); a real Alertmanager runs in {@link AlertmanagerIT}.
 * Secret files need not exist for any of this: Alertmanager 0.25 reads them only when it sends a notification.
 */
class AlertmanagerConfigTest {

    static final Path DIR = Command.ROOT.resolve("deploy/alertmanager");

    static final Path PRODUCTION = DIR.resolve("alertmanager.yml");

    static final Path LOCAL = DIR.resolve("alertmanager-local.yml");

    private static final Path ROUTES = DIR.resolve("tests/routes.txt");

    static final Path TEMPLATES = DIR.resolve("templates/myriad.tmpl");

    static final String LOCAL_WEBHOOK = "http://127.0.0.1:9097/alerts";

    static final String SECRETS_DIR = "/etc/alertmanager/secrets/";

    private static final Set<String> TEAMS = Set.of("platform", "pipeline", "reminders", "audit");

    static final JsonMapper JSON = JsonMapper.builder().build();

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    // ---------------------------------------------------------------------------------------------------- amtool

    @ParameterizedTest
    @ValueSource(strings = { "alertmanager.yml", "alertmanager-local.yml" })
    void configurationIsValid(String file) {
        Command.assumeInstalled("amtool");
        // Secret files are not needed: amtool (and Alertmanager) read them only to send a notification.
        String output = Command.run("amtool", "check-config", DIR.resolve(file).toString()).succeeded().output();
        assertThat(output).contains("SUCCESS").contains("2 inhibit rules");
        if (file.equals("alertmanager.yml")) {
            assertThat(output).as("the templates are found and parse").contains(" - 1 templates");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyRouteCaseResolvesToItsReceivers() {
        Command.assumeInstalled("amtool");
        List<RouteCase> cases = routeCases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(10);
        return Stream.of(PRODUCTION, LOCAL).flatMap(config -> cases.stream()
                .map(c -> DynamicTest.dynamicTest(config.getFileName() + " line " + c.line() + ": " + c, () -> {
                    List<String> command = new ArrayList<>(List.of("amtool", "config", "routes", "test",
                            "--config.file=" + config, "--verify.receivers=" + String.join(",", c.receivers())));
                    c.labels().forEach((name, value) -> command.add(name + "=" + value));
                    Command.run(command.toArray(String[]::new)).succeeded();
                })));
    }

    /**
     * Walks the route tree the way Alertmanager does (first matching child wins unless it has {@code continue}) for
     * every case: the walk must agree with the case (so it agrees with amtool) and visit every route.
     */
    @Test
    void everyRouteOfTheTreeIsExercisedByACase() {
        Map<String, Object> route = map(yaml(PRODUCTION).get("route"));
        Map<Object, String> unvisited = new IdentityHashMap<>();
        collectRoutes(route, "route", unvisited);
        for (RouteCase c : routeCases()) {
            List<String> receivers = new ArrayList<>();
            walk(route, null, c.labels(), receivers, unvisited);
            assertThat(receivers).as("receivers of " + c + " by the tree walk").isEqualTo(c.receivers());
        }
        assertThat(unvisited.values()).as("routes that no case in tests/routes.txt reaches").isEmpty();
    }

    /** Every alert the Prometheus rules define reaches its team (not the default channel); critical ones page. */
    @TestFactory
    Stream<DynamicTest> everyPrometheusAlertReachesItsTeam() throws IOException {
        Command.assumeInstalled("amtool");
        Map<String, Map<String, String>> alerts = new LinkedHashMap<>();
        Path rulesRoot = Command.ROOT.resolve("deploy/prometheus");
        if (Files.isDirectory(rulesRoot)) {
            try (Stream<Path> files = Files.walk(rulesRoot)) {
                for (Path file : files.filter(p -> p.toString().matches(".*\\.ya?ml$")).sorted().toList()) {
                    Object document = new Yaml().load(Files.readString(file));
                    if (!(document instanceof Map<?, ?> top) || !(top.get("groups") instanceof List<?> groups)) {
                        continue;
                    }
                    for (Object group : groups) {
                        for (Object rule : list(map(group).get("rules"))) {
                            Map<String, Object> r = map(rule);
                            if (r.get("alert") != null) {
                                Map<String, String> labels = new LinkedHashMap<>();
                                labels.put("alertname", String.valueOf(r.get("alert")));
                                map(r.getOrDefault("labels", Map.of()))
                                        .forEach((k, v) -> labels.put(k, String.valueOf(v)));
                                alerts.put(file.getFileName() + ": " + labels, labels);
                            }
                        }
                    }
                }
            }
        }
        Assumptions.assumeFalse(alerts.isEmpty(), "no alerting rules under deploy/prometheus yet");
        return alerts.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Map<String, String> labels = e.getValue();
            String severity = labels.get("severity");
            String team = labels.get("team");
            assertThat(severity).as("severity").isIn("critical", "warning", "info");
            assertThat(team).as("team").isIn(TEAMS);
            List<String> expected = new ArrayList<>();
            if (severity.equals("info")) {
                expected.add("webhook");
            }
            else {
                if (severity.equals("critical")) {
                    expected.add("pager");
                }
                expected.add("chat-" + team);
                if (team.equals("audit")) {
                    expected.add("email-audit");
                }
            }
            for (Path config : List.of(PRODUCTION, LOCAL)) {
                Command.run("amtool", "config", "routes", "test", "--config.file=" + config,
                        "--verify.receivers=" + String.join(",", expected), "alertname=" + labels.get("alertname"),
                        "severity=" + severity, "team=" + team, "application=agents", "env=local").succeeded();
            }
        }));
    }

    // ------------------------------------------------------------------------------------------ local = production

    @Test
    void localConfigurationHasTheProductionRoutesAndInhibitions() {
        Map<String, Object> production = yaml(PRODUCTION);
        Map<String, Object> local = yaml(LOCAL);
        assertThat(local.get("route")).as("route tree of alertmanager-local.yml").isEqualTo(production.get("route"));
        assertThat(local.get("inhibit_rules")).as("inhibit_rules").isEqualTo(production.get("inhibit_rules"));
        assertThat(receiverNames(local)).as("receiver names").isEqualTo(receiverNames(production));
        for (Object receiver : list(local.get("receivers"))) {
            Map<String, Object> r = map(receiver);
            assertThat(r.keySet()).as("local receiver " + r.get("name") + " is a webhook only")
                    .containsExactlyInAnyOrder("name", "webhook_configs");
            for (Object webhook : list(r.get("webhook_configs"))) {
                assertThat(map(webhook).get("url")).as(r.get("name") + " url").isEqualTo(LOCAL_WEBHOOK);
            }
        }
    }

    @Test
    void productionRoutesCriticalFasterThanWarning() {
        Map<String, Object> route = map(yaml(PRODUCTION).get("route"));
        assertThat(route.get("group_by")).isEqualTo(List.of("alertname", "application"));
        Map<String, Object> critical = list(route.get("routes")).stream().map(AlertmanagerConfigTest::map)
                .filter(r -> list(r.get("matchers")).contains("severity=\"critical\"")).findFirst().orElseThrow();
        assertThat(seconds(critical.get("group_wait"))).isLessThan(seconds(route.get("group_wait")));
        assertThat(seconds(critical.get("group_interval"))).isLessThan(seconds(route.get("group_interval")));
        assertThat(seconds(critical.get("repeat_interval"))).isLessThan(seconds(route.get("repeat_interval")));
    }

    // -------------------------------------------------------------------------------------------------- secrets

    @ParameterizedTest
    @ValueSource(strings = { "alertmanager.yml", "alertmanager-local.yml" })
    void noSecretIsInline(String file) throws IOException {
        boolean local = file.equals("alertmanager-local.yml");
        List<String> problems = new ArrayList<>();
        checkSecrets(yaml(DIR.resolve(file)), file, local, problems);
        String text = Files.readString(DIR.resolve(file));
        for (String shape : List.of("hooks\\.slack\\.com/services", "xox[abpr]-", "\\b[0-9a-fA-F]{32}\\b",
                "://[^/\\s:@]+:[^/\\s@]+@")) {
            if (Pattern.compile(shape).matcher(text).find()) {
                problems.add(file + ": something shaped like a secret (" + shape + ")");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void productionReadsEverySecretFromAFile() {
        Map<String, Object> config = yaml(PRODUCTION);
        Map<String, String> files = new LinkedHashMap<>();
        collectFiles(config, "", files);
        assertThat(files).as("*_file settings").containsKeys(".global.smtp_auth_password_file",
                ".receivers[pager].pagerduty_configs[0].routing_key_file",
                ".receivers[chat-platform].slack_configs[0].api_url_file",
                ".receivers[webhook].webhook_configs[0].http_config.authorization.credentials_file");
        assertThat(files.values()).allSatisfy(path -> assertThat(path).startsWith(SECRETS_DIR));
    }

    // ------------------------------------------------------------------------------------------------ templates

    @Test
    void everyTemplatedSettingRendersWithFullRunbookAndDashboardLinks(@TempDir Path tmp) throws IOException {
        Command.assumeInstalled("amtool");
        String tmpl = Files.readString(TEMPLATES);
        String docsBase = definedOnce(tmpl, "myriad.docsBaseURL");
        String grafanaBase = definedOnce(tmpl, "myriad.grafanaBaseURL");
        assertThat(docsBase).startsWith("https://").endsWith("/");
        assertThat(grafanaBase).startsWith("http").doesNotEndWith("/");
        String runbook = docsBase + "docs/runbooks/AgentQueueFull.md";
        String dashboard = grafanaBase + "/d/myriad-pipeline";
        assertThat(Files.readString(PRODUCTION)).as("base URLs live in the template only")
                .doesNotContain(docsBase).doesNotContain(grafanaBase);

        Path data = tmp.resolve("data.json");
        Files.writeString(data, JSON.writeValueAsString(sampleNotification()));
        Map<String, String> rendered = new LinkedHashMap<>();
        Map<String, String> settings = new LinkedHashMap<>();
        collectTemplates(yaml(PRODUCTION).get("receivers"), "", settings);
        assertThat(settings).isNotEmpty();
        settings.forEach((where, text) -> {
            String type = where.endsWith(".html") ? "html" : "text";
            Command.Result result = Command.run("amtool", "template", "render", "--template.glob=" + TEMPLATES,
                    "--template.data=" + data, "--template.type=" + type, "--template.text=" + text);
            assertThat(result.exitCode()).as(where + " renders: " + result.output()).isZero();
            rendered.put(where, result.output());
        });
        for (String receiver : List.of("chat-default", "chat-platform", "chat-pipeline", "chat-reminders",
                "chat-audit")) {
            String slack = ".receivers[" + receiver + "].slack_configs[0].";
            assertThat(rendered.get(slack + "text")).as(slack + "text")
                    .contains("Agents queue is 95% full", "Queue depth 950 of 1000", "<" + runbook + "|Runbook>",
                            "<" + dashboard + "|Dashboard>");
            assertThat(rendered.get(slack + "title")).contains("[FIRING:1] AgentQueueFull on agents (local)");
            assertThat(rendered.get(slack + "title_link")).contains(runbook);
        }
        String pager = ".receivers[pager].pagerduty_configs[0].";
        assertThat(rendered.get(pager + "links[0].href")).contains(runbook);
        assertThat(rendered.get(pager + "links[1].href")).contains(dashboard);
        assertThat(rendered.get(pager + "details.runbook")).contains(runbook);
        assertThat(rendered.get(pager + "details.summary")).contains("Agents queue is 95% full");
        assertThat(rendered.get(pager + "severity")).contains("critical");
        String email = ".receivers[email-audit].email_configs[0].";
        assertThat(rendered.get(email + "text")).contains("Agents queue is 95% full", "Runbook: " + runbook,
                "Dashboard: " + dashboard);
        assertThat(rendered.get(email + "html")).contains("href=\"" + runbook + "\"", "href=\"" + dashboard + "\"",
                "Queue depth 950 of 1000");
        assertThat(rendered.get(email + "headers.Subject")).contains("AgentQueueFull on agents");
    }

    // ------------------------------------------------------------------------------------------------- helpers

    record RouteCase(int line, Map<String, String> labels, List<String> receivers) {

        @Override
        public String toString() {
            return this.labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(" ")) + " => " + String.join(",", this.receivers);
        }
    }

    static List<RouteCase> routeCases() {
        try {
            List<RouteCase> cases = new ArrayList<>();
            List<String> lines = Files.readAllLines(ROUTES);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("=>");
                assertThat(parts).as("routes.txt line " + (i + 1) + ": labels => receivers").hasSize(2);
                Map<String, String> labels = new LinkedHashMap<>();
                for (String pair : parts[0].strip().split("\\s+")) {
                    int eq = pair.indexOf('=');
                    assertThat(eq).as("routes.txt line " + (i + 1) + ": " + pair + " is name=value").isPositive();
                    labels.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
                List<String> receivers = List.of(parts[1].strip().split("\\s*,\\s*"));
                cases.add(new RouteCase(i + 1, labels, receivers));
            }
            return cases;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void collectRoutes(Map<String, Object> route, String where, Map<Object, String> into) {
        into.put(route, where + " " + route.getOrDefault("matchers", "[]") + " -> " + route.get("receiver"));
        List<Object> children = list(route.get("routes"));
        for (int i = 0; i < children.size(); i++) {
            collectRoutes(map(children.get(i)), where + ".routes[" + i + "]", into);
        }
    }

    /** Alertmanager's Route.Match; returns whether the route matched, adds the receivers of the final routes. */
    private static boolean walk(Map<String, Object> route, String inherited, Map<String, String> labels,
            List<String> receivers, Map<Object, String> unvisited) {
        for (Object matcher : list(route.get("matchers"))) {
            if (!matches(String.valueOf(matcher), labels)) {
                return false;
            }
        }
        unvisited.remove(route);
        String receiver = (String) route.getOrDefault("receiver", inherited);
        boolean childMatched = false;
        for (Object child : list(route.get("routes"))) {
            Map<String, Object> c = map(child);
            if (walk(c, receiver, labels, receivers, unvisited)) {
                childMatched = true;
                if (!Boolean.TRUE.equals(c.get("continue"))) {
                    break;
                }
            }
        }
        if (!childMatched) {
            receivers.add(receiver);
        }
        return true;
    }

    private static final Pattern MATCHER = Pattern.compile("\\s*([a-zA-Z_]\\w*)\\s*(=~|!~|!=|=)\\s*\"?(.*?)\"?\\s*");

    private static boolean matches(String matcher, Map<String, String> labels) {
        Matcher m = MATCHER.matcher(matcher);
        assertThat(m.matches()).as("matcher " + matcher).isTrue();
        String value = labels.getOrDefault(m.group(1), "");
        return switch (m.group(2)) {
            case "=" -> value.equals(m.group(3));
            case "!=" -> !value.equals(m.group(3));
            case "=~" -> value.matches(m.group(3));
            default -> !value.matches(m.group(3));
        };
    }

    private static final Pattern INLINE_SECRET_KEY = Pattern.compile(
            "(?i)(.*_)?(password|secret|routing_key|service_key|api_key|token|credentials|api_url|webhook_url|"
                    + "authorization|bearer_token)");

    private static void checkSecrets(Object node, String where, boolean local, List<String> problems) {
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String key = String.valueOf(e.getKey());
                Object value = e.getValue();
                String at = where + "." + key;
                if (value instanceof Map<?, ?> || value instanceof List<?>) {
                    checkSecrets(value, at, local, problems);
                }
                else if (key.endsWith("_file")) {
                    if (!String.valueOf(value).startsWith(SECRETS_DIR)) {
                        problems.add(at + ": secret files live in " + SECRETS_DIR + ", not " + value);
                    }
                }
                else if (INLINE_SECRET_KEY.matcher(key).matches()) {
                    problems.add(at + ": inline secret; use " + key + "_file");
                }
                else if ((key.equals("url") || key.endsWith("_url")) && !String.valueOf(value).contains("{{")) {
                    checkUrl(at, String.valueOf(value), m, local, problems);
                }
            }
        }
        else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                checkSecrets(l.get(i), where + "[" + i + "]", local, problems);
            }
        }
    }

    /**
     * A literal URL is allowed only as a webhook's url: Alertmanager 0.25 has no webhook url_file. Locally it is
     * the local sink; in production it must carry no credentials (no user info, no query) and authenticate with a
     * bearer token read from a file.
     */
    private static void checkUrl(String at, String url, Map<?, ?> owner, boolean local, List<String> problems) {
        if (!at.matches(".*\\.webhook_configs\\[\\d+]\\.url")) {
            problems.add(at + ": a literal URL where a *_file belongs: " + url);
        }
        else if (local) {
            if (!url.equals(LOCAL_WEBHOOK)) {
                problems.add(at + ": local webhooks go to " + LOCAL_WEBHOOK + ", not " + url);
            }
        }
        else {
            URI uri = URI.create(url);
            if (!"https".equals(uri.getScheme()) || uri.getUserInfo() != null || uri.getQuery() != null) {
                problems.add(at + ": a webhook URL is https without user info or query: " + url);
            }
            Object auth = map(map(owner.get("http_config")).get("authorization")).get("credentials_file");
            if (auth == null) {
                problems.add(at + ": the webhook authenticates with http_config.authorization.credentials_file");
            }
        }
    }

    private static void collectFiles(Object node, String where, Map<String, String> into) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                String at = where + "." + k;
                if (String.valueOf(k).endsWith("_file")) {
                    into.put(at, String.valueOf(v));
                }
                else {
                    collectFiles(v, at, into);
                }
            });
        }
        else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                Object item = l.get(i);
                String name = item instanceof Map<?, ?> m && m.get("name") != null ? String.valueOf(m.get("name"))
                        : String.valueOf(i);
                collectFiles(item, where + "[" + name + "]", into);
            }
        }
    }

    /** Every string setting with a template in it, by path, receivers named (".receivers[pager].…"). */
    private static void collectTemplates(Object node, String where, Map<String, String> into) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (v instanceof String s && s.contains("{{")) {
                    into.put(where + "." + k, s);
                }
                else {
                    collectTemplates(v, where + "." + k, into);
                }
            });
        }
        else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                Object item = l.get(i);
                boolean receiver = where.isEmpty() && item instanceof Map<?, ?> r && r.get("name") != null;
                collectTemplates(item, receiver ? ".receivers[" + map(item).get("name") + "]" : where + "[" + i + "]",
                        into);
            }
        }
    }

    static String definedOnce(String tmpl, String name) {
        Matcher m = Pattern.compile("\\{\\{-? *define \"" + Pattern.quote(name) + "\" *-?}}(.*?)\\{\\{-? *end *-?}}")
                .matcher(tmpl);
        assertThat(m.find()).as("template " + name + " is defined").isTrue();
        String value = m.group(1).strip();
        assertThat(m.find()).as("template " + name + " is defined once").isFalse();
        return value;
    }

    private static Map<String, Object> sampleNotification() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", "AgentQueueFull");
        labels.put("severity", "critical");
        labels.put("team", "pipeline");
        labels.put("application", "agents");
        labels.put("env", "local");
        Map<String, String> alertLabels = new LinkedHashMap<>(labels);
        alertLabels.put("instance", "vm:5001");
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("status", "firing");
        alert.put("labels", alertLabels);
        alert.put("annotations", Map.of("summary", "Agents queue is 95% full", "description",
                "Queue depth 950 of 1000 for 2m.", "runbook_url", "docs/runbooks/AgentQueueFull.md",
                "dashboard_url", "/d/myriad-pipeline"));
        alert.put("startsAt", "2026-01-01T00:00:00Z");
        alert.put("endsAt", "0001-01-01T00:00:00Z");
        alert.put("generatorURL", "http://127.0.0.1/graph");
        alert.put("fingerprint", "0123");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("receiver", "chat-pipeline");
        data.put("status", "firing");
        data.put("alerts", List.of(alert));
        data.put("groupLabels", Map.of("alertname", "AgentQueueFull", "application", "agents"));
        data.put("commonLabels", labels);
        data.put("commonAnnotations", alert.get("annotations"));
        data.put("externalURL", "http://127.0.0.1:9093");
        return data;
    }

    private static long seconds(Object duration) {
        Matcher m = Pattern.compile("(\\d+)([smh])").matcher(String.valueOf(duration));
        assertThat(m.matches()).as("duration " + duration).isTrue();
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> n;
            case "m" -> n * 60;
            default -> n * 3600;
        };
    }

    static Map<String, Object> yaml(Path file) {
        try {
            return new Yaml().load(Files.readString(file));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static List<String> receiverNames(Map<String, Object> config) {
        return list(config.get("receivers")).stream().map(r -> String.valueOf(map(r).get("name"))).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        return node == null ? Map.of() : (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node) {
        return node == null ? List.of() : (List<Object>) node;
    }

}
