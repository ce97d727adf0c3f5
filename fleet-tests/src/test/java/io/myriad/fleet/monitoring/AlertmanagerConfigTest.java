package io.myriad.fleet.monitoring;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Proves deploy/alertmanager: both configurations are valid (amtool), every case of tests/routes.txt routes to the
 * expected receivers in both, every route of the tree is exercised by a case, the local configuration has exactly
 * the production route tree and inhibitions, no secret is inline, the templates put full runbook and dashboard links
 * into the messages, and the inhibitions work in a real (throwaway) Alertmanager. Secret files need not exist for
 * any of this: Alertmanager 0.25 reads them only when it sends a notification.
 */
class AlertmanagerConfigTest {

    private static final Path DIR = Command.ROOT.resolve("deploy/alertmanager");

    private static final Path PRODUCTION = DIR.resolve("alertmanager.yml");

    private static final Path LOCAL = DIR.resolve("alertmanager-local.yml");

    private static final Path ROUTES = DIR.resolve("tests/routes.txt");

    private static final Path TEMPLATES = DIR.resolve("templates/myriad.tmpl");

    private static final String LOCAL_WEBHOOK = "http://127.0.0.1:9097/alerts";

    private static final String SECRETS_DIR = "/etc/alertmanager/secrets/";

    private static final Set<String> TEAMS = Set.of("platform", "pipeline", "reminders", "audit");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

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

    // -------------------------------------------------------------------------------- a throwaway Alertmanager

    @Test
    void inhibitionsSilenceTheRightAlerts(@TempDir Path tmp) throws Exception {
        Command.assumeInstalled("prometheus-alertmanager");
        // The local configuration, its webhooks pointed at a sink of this test rather than 127.0.0.1:9097, where a
        // local fleet's sink may listen and must not receive these alerts.
        HttpServer sink = sink(new CopyOnWriteArrayList<>());
        Map<String, Object> config = yaml(LOCAL);
        rewriteWebhooks(config, "http://127.0.0.1:" + sink.getAddress().getPort() + "/alerts");
        Path file = tmp.resolve("alertmanager-local.yml");
        Files.writeString(file, new Yaml().dump(config));
        try (Alertmanager am = Alertmanager.start(file, tmp.resolve("am"))) {
            am.post(List.of(
                    alert("ServiceDown", "critical", "platform", "agents", "local"),
                    alert("AgentQueueFull", "warning", "pipeline", "agents", "local"),
                    alert("AgentQueueFull", "critical", "pipeline", "agents", "local"),
                    // a restart seen while the service is still down is part of that outage
                    alert("ServiceRestarted", "warning", "platform", "agents", "local"),
                    // another service: the ServiceDown of agents does not touch it
                    alert("RemindersOverdue", "warning", "reminders", "reminder-service", "local"),
                    // the same service in another env: equal: [application, env]
                    alert("JvmHeapHigh", "warning", "platform", "agents", "staging"),
                    // critical silences warning of the same alert, without any ServiceDown
                    alert("QueryLatencyBudgetBurn", "warning", "pipeline", "orchestrator", "local"),
                    alert("QueryLatencyBudgetBurn", "critical", "pipeline", "orchestrator", "local"),
                    // a crash loop (critical) silences the single restart (warning) of the same service
                    alert("ServiceRestarted", "warning", "platform", "output-processor", "local"),
                    alert("ServiceRestarted", "critical", "platform", "output-processor", "local"),
                    // a warning of another alert on that service stays
                    alert("JvmHeapHigh", "warning", "platform", "orchestrator", "local")));

            String serviceDown = key("ServiceDown", "critical", "agents", "local");
            String latencyCritical = key("QueryLatencyBudgetBurn", "critical", "orchestrator", "local");
            Map<String, Set<String>> expected = new LinkedHashMap<>();
            expected.put(serviceDown, Set.of());
            expected.put(key("AgentQueueFull", "warning", "agents", "local"), Set.of(serviceDown));
            expected.put(key("AgentQueueFull", "critical", "agents", "local"), Set.of(serviceDown));
            expected.put(key("ServiceRestarted", "warning", "agents", "local"), Set.of(serviceDown));
            expected.put(key("RemindersOverdue", "warning", "reminder-service", "local"), Set.of());
            expected.put(key("JvmHeapHigh", "warning", "agents", "staging"), Set.of());
            expected.put(latencyCritical, Set.of());
            expected.put(key("QueryLatencyBudgetBurn", "warning", "orchestrator", "local"), Set.of(latencyCritical));
            String crashLoop = key("ServiceRestarted", "critical", "output-processor", "local");
            expected.put(crashLoop, Set.of());
            expected.put(key("ServiceRestarted", "warning", "output-processor", "local"), Set.of(crashLoop));
            expected.put(key("JvmHeapHigh", "warning", "orchestrator", "local"), Set.of());

            AtomicReference<Map<String, Set<String>>> last = new AtomicReference<>();
            boolean settled = eventually(Duration.ofSeconds(20), () -> {
                last.set(inhibitions(am.get("/api/v2/alerts")));
                return last.get().equals(expected);
            });
            assertThat(last.get()).as("alert -> the alerts that inhibit it (settled: " + settled + ")\n" + am.log())
                    .isEqualTo(expected);
        }
        finally {
            sink.stop(0);
        }
    }

    /**
     * The production configuration as a deployment runs it, with its secret files (in a temporary directory) and
     * the chat, PagerDuty, SMTP and webhook endpoints pointed at this test: a critical audit alert pages, posts to
     * the audit channel and mails the audit team, each message with full runbook and dashboard links; an info alert
     * goes to the webhook; each credential is read from its file.
     */
    @Test
    void productionConfigurationDeliversWithSecretsFromFiles(@TempDir Path tmp) throws Exception {
        Command.assumeInstalled("prometheus-alertmanager");
        List<Map.Entry<String, String>> posts = new CopyOnWriteArrayList<>();
        HttpServer http = sink(posts);
        FakeSmtp smtp = FakeSmtp.start();
        try {
            String base = "http://127.0.0.1:" + http.getAddress().getPort();
            Path secrets = Files.createDirectories(tmp.resolve("secrets"));
            Files.writeString(secrets.resolve("slack-api-url"), base + "/slack\n");
            Files.writeString(secrets.resolve("pagerduty-routing-key"), "test-routing-key\n");
            Files.writeString(secrets.resolve("smtp-password"), "test-smtp-password");
            Files.writeString(secrets.resolve("webhook-token"), "test-webhook-token\n");

            Map<String, Object> config = yaml(PRODUCTION);
            rewriteSecretFiles(config, secrets.toString() + "/");
            Map<String, Object> global = map(config.get("global"));
            global.put("pagerduty_url", base + "/pagerduty");
            global.put("smtp_smarthost", "127.0.0.1:" + smtp.port());
            global.put("smtp_require_tls", false); // the fake SMTP server speaks no STARTTLS
            config.put("templates", List.of(DIR.resolve("templates").toString() + "/*.tmpl"));
            rewriteWebhooks(config, base + "/webhook");
            // info waits a minute before its first notification; not what this test is about
            list(map(config.get("route")).get("routes")).stream().map(AlertmanagerConfigTest::map)
                    .filter(r -> list(r.get("matchers")).contains("severity=\"info\"")).findFirst().orElseThrow()
                    .put("group_wait", "1s");
            Path file = tmp.resolve("alertmanager.yml");
            Files.writeString(file, new Yaml().dump(config));

            try (Alertmanager am = Alertmanager.start(file, tmp.resolve("am"))) {
                am.post(List.of(alert("AuditLogFailures", "critical", "audit", "reminder-service", "local"),
                        alert("SomethingWorthKnowing", "info", "platform", "orchestrator", "local")));
                boolean delivered = eventually(Duration.ofSeconds(40), () -> paths(posts).containsAll(
                        List.of("/slack", "/pagerduty", "/webhook")) && !smtp.messages().isEmpty());
                assertThat(delivered).as("slack, pagerduty and email delivered; got " + paths(posts) + ", "
                        + smtp.messages().size() + " mails\n" + am.log()).isTrue();
            }
            String tmpl = Files.readString(TEMPLATES);
            String runbook = definedOnce(tmpl, "myriad.docsBaseURL") + "docs/runbooks/AuditLogFailures.md";
            String dashboard = definedOnce(tmpl, "myriad.grafanaBaseURL") + "/d/myriad-reminders";

            JsonNode slack = JSON.readTree(body(posts, "/slack"));
            assertThat(slack.path("channel").asString()).isEqualTo("#myriad-audit");
            JsonNode attachment = slack.path("attachments").path(0);
            assertThat(attachment.path("title").asString()).isEqualTo(
                    "[FIRING:1] AuditLogFailures on reminder-service (local)");
            assertThat(attachment.path("text").asString()).contains("Audit log writes are failing",
                    "<" + runbook + "|Runbook>", "<" + dashboard + "|Dashboard>");

            JsonNode pd = JSON.readTree(body(posts, "/pagerduty"));
            assertThat(pd.path("routing_key").asString()).as("routing key read from its file")
                    .isEqualTo("test-routing-key");
            assertThat(pd.path("payload").path("severity").asString()).isEqualTo("critical");
            assertThat(pd.path("payload").path("custom_details").path("runbook").asString()).isEqualTo(runbook);
            assertThat(pd.path("links").toString()).contains(runbook, dashboard);

            assertThat(posts.stream().map(Map.Entry::getKey).filter(k -> k.startsWith("/webhook ")))
                    .as("webhook bearer token read from its file").containsOnly("/webhook Bearer test-webhook-token");
            assertThat(JSON.readTree(body(posts, "/webhook")).path("receiver").asString()).isEqualTo("webhook");

            String mail = smtp.messages().get(0);
            assertThat(smtp.passwords()).as("SMTP password read from the global smtp_auth_password_file")
                    .contains("test-smtp-password");
            assertThat(mail).contains("To: audit-team@myriad.example", "AuditLogFailures on reminder-service",
                    "Runbook: " + runbook, "href=\"" + runbook + "\"", "href=\"" + dashboard + "\"");
        }
        finally {
            http.stop(0);
            smtp.close();
        }
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

    /** An HTTP server on a free loopback port that answers 202 and records path (and Authorization) and body. */
    private static HttpServer sink(List<Map.Entry<String, String>> posts) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            posts.add(Map.entry(exchange.getRequestURI().getPath() + (auth == null ? "" : " " + auth),
                    new String(body, StandardCharsets.UTF_8)));
            byte[] ok = "{\"status\":\"success\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(202, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        http.start();
        return http;
    }

    private static void rewriteWebhooks(Map<String, Object> config, String url) {
        for (Object receiver : list(config.get("receivers"))) {
            for (Object webhook : list(map(receiver).get("webhook_configs"))) {
                map(webhook).put("url", url);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void rewriteSecretFiles(Object node, String directory) {
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                if (e.getKey().endsWith("_file") && e.getValue() instanceof String path) {
                    e.setValue(path.replace(SECRETS_DIR, directory));
                }
                else {
                    rewriteSecretFiles(e.getValue(), directory);
                }
            }
        }
        else if (node instanceof List<?> l) {
            l.forEach(item -> rewriteSecretFiles(item, directory));
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

    private static String definedOnce(String tmpl, String name) {
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

    private static Map<String, Object> alert(String name, String severity, String team, String application,
            String env) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", name);
        labels.put("severity", severity);
        labels.put("team", team);
        labels.put("application", application);
        labels.put("env", env);
        labels.put("instance", "vm:5000");
        String dashboard = team.equals("pipeline") ? "myriad-pipeline"
                : team.equals("platform") ? "myriad-infrastructure" : "myriad-reminders";
        return Map.of("labels", labels, "annotations", Map.of(
                "summary", name.equals("AuditLogFailures") ? "Audit log writes are failing" : name + " fired",
                "description", name + " on " + application, "runbook_url", "docs/runbooks/" + name + ".md",
                "dashboard_url", "/d/" + dashboard));
    }

    private static String key(String name, String severity, String application, String env) {
        return name + "/" + severity + "/" + application + "/" + env;
    }

    /** alert key -> keys of the alerts that inhibit it, from /api/v2/alerts. */
    private static Map<String, Set<String>> inhibitions(String json) {
        JsonNode alerts = JSON.readTree(json);
        Map<String, String> byFingerprint = new HashMap<>();
        for (JsonNode a : alerts) {
            JsonNode l = a.path("labels");
            byFingerprint.put(a.path("fingerprint").asString(), key(l.path("alertname").asString(),
                    l.path("severity").asString(), l.path("application").asString(), l.path("env").asString()));
        }
        Map<String, Set<String>> result = new LinkedHashMap<>();
        for (JsonNode a : alerts) {
            Set<String> by = new LinkedHashSet<>();
            for (JsonNode fp : a.path("status").path("inhibitedBy")) {
                by.add(byFingerprint.getOrDefault(fp.asString(), fp.asString()));
            }
            result.put(byFingerprint.get(a.path("fingerprint").asString()), by);
        }
        return result;
    }

    private static List<String> paths(List<Map.Entry<String, String>> posts) {
        return posts.stream().map(e -> e.getKey().split(" ")[0]).toList();
    }

    private static String body(List<Map.Entry<String, String>> posts, String path) {
        return posts.stream().filter(e -> e.getKey().split(" ")[0].equals(path)).map(Map.Entry::getValue)
                .findFirst().orElseThrow();
    }

    private static boolean eventually(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(250);
        }
        return condition.getAsBoolean();
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

    private static Map<String, Object> yaml(Path file) {
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
    private static Map<String, Object> map(Object node) {
        return node == null ? Map.of() : (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node) {
        return node == null ? List.of() : (List<Object>) node;
    }

    /** A throwaway Alertmanager on a free high port, no cluster, state in a temporary directory. */
    static final class Alertmanager implements AutoCloseable {

        private final Process process;

        private final Path log;

        private final String base;

        private Alertmanager(Process process, Path log, String base) {
            this.process = process;
            this.log = log;
            this.base = base;
        }

        static Alertmanager start(Path config, Path directory) throws IOException, InterruptedException {
            Files.createDirectories(directory.resolve("data"));
            int port = freePort();
            Path log = directory.resolve("alertmanager.log");
            Process process = new ProcessBuilder("prometheus-alertmanager", "--config.file=" + config,
                    "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=",
                    "--storage.path=" + directory.resolve("data")).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            Alertmanager am = new Alertmanager(process, log, "http://127.0.0.1:" + port);
            boolean ready = eventually(Duration.ofSeconds(20), () -> process.isAlive() && am.ready());
            if (!ready) {
                am.close();
                fail("Alertmanager did not become ready:\n" + am.log());
            }
            return am;
        }

        private static int freePort() throws IOException {
            while (true) {
                try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                    int port = socket.getLocalPort();
                    // never the fleet's ports (5000-5008, 9090-9099)
                    if (port > 10000) {
                        return port;
                    }
                }
            }
        }

        private boolean ready() {
            try {
                return HTTP.send(HttpRequest.newBuilder(URI.create(this.base + "/-/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            }
            catch (IOException ex) {
                return false;
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        void post(List<Map<String, Object>> alerts) throws IOException, InterruptedException {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(this.base + "/api/v2/alerts"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(alerts))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }

        String get(String path) {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(this.base + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                return response.body();
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }

        String log() {
            try {
                return Files.exists(this.log) ? Files.readString(this.log) : "";
            }
            catch (IOException ex) {
                return ex.toString();
            }
        }

        @Override
        public void close() throws InterruptedException {
            this.process.destroy();
            if (!this.process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                this.process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Just enough SMTP (no STARTTLS, AUTH PLAIN) to receive Alertmanager's mail: records the passwords it
     * authenticates with and every message (quoted-printable decoded).
     */
    static final class FakeSmtp implements AutoCloseable {

        private final ServerSocket server;

        private final List<String> messages = new CopyOnWriteArrayList<>();

        private final List<String> passwords = new CopyOnWriteArrayList<>();

        private FakeSmtp(ServerSocket server) {
            this.server = server;
        }

        static FakeSmtp start() throws IOException {
            FakeSmtp smtp = new FakeSmtp(new ServerSocket(0, 5, InetAddress.getLoopbackAddress()));
            Thread thread = new Thread(smtp::serve, "fake-smtp");
            thread.setDaemon(true);
            thread.start();
            return smtp;
        }

        int port() {
            return this.server.getLocalPort();
        }

        List<String> messages() {
            return this.messages;
        }

        List<String> passwords() {
            return this.passwords;
        }

        private void serve() {
            while (!this.server.isClosed()) {
                try (Socket socket = this.server.accept()) {
                    socket.setSoTimeout(10_000);
                    converse(new BufferedReader(new InputStreamReader(socket.getInputStream(),
                            StandardCharsets.UTF_8)), socket.getOutputStream());
                }
                catch (IOException ex) {
                    // closed, or the client went away
                }
            }
        }

        private void converse(BufferedReader in, OutputStream out) throws IOException {
            Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
            reply(w, "220 localhost fake ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String upper = line.toUpperCase(java.util.Locale.ROOT);
                if (upper.startsWith("EHLO")) {
                    reply(w, "250-localhost\r\n250-AUTH PLAIN\r\n250 8BITMIME");
                }
                else if (upper.startsWith("HELO") || upper.startsWith("MAIL") || upper.startsWith("RCPT")
                        || upper.startsWith("RSET") || upper.startsWith("NOOP")) {
                    reply(w, "250 ok");
                }
                else if (upper.startsWith("AUTH PLAIN")) {
                    String credentials = line.substring("AUTH PLAIN".length()).strip();
                    if (credentials.isEmpty()) {
                        reply(w, "334 ");
                        credentials = in.readLine().strip();
                    }
                    String[] parts = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8)
                            .split("\0");
                    this.passwords.add(parts[parts.length - 1]);
                    reply(w, "235 ok");
                }
                else if (upper.startsWith("DATA")) {
                    reply(w, "354 go on");
                    StringBuilder data = new StringBuilder();
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        data.append(line.startsWith("..") ? line.substring(1) : line).append("\r\n");
                    }
                    this.messages.add(decodeQuotedPrintable(data.toString()));
                    reply(w, "250 queued");
                }
                else if (upper.startsWith("QUIT")) {
                    reply(w, "221 bye");
                    return;
                }
                else {
                    reply(w, "502 not implemented");
                }
            }
        }

        private static void reply(Writer w, String text) throws IOException {
            w.write(text + "\r\n");
            w.flush();
        }

        private static String decodeQuotedPrintable(String text) {
            String joined = text.replace("=\r\n", "");
            Matcher m = Pattern.compile("=([0-9A-F]{2})").matcher(joined);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(
                        String.valueOf((char) Integer.parseInt(m.group(1), 16))));
            }
            m.appendTail(out);
            return out.toString();
        }

        @Override
        public void close() throws IOException {
            this.server.close();
        }
    }
}
