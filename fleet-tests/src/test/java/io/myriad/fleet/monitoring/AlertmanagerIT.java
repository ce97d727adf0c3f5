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
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
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

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

import static io.myriad.fleet.monitoring.AlertmanagerConfigTest.DIR;
import static io.myriad.fleet.monitoring.AlertmanagerConfigTest.HTTP;
import static io.myriad.fleet.monitoring.AlertmanagerConfigTest.JSON;
import static io.myriad.fleet.monitoring.AlertmanagerConfigTest.LOCAL;
import static io.myriad.fleet.monitoring.AlertmanagerConfigTest.PRODUCTION;
import static io.myriad.fleet.monitoring.AlertmanagerConfigTest.SECRETS_DIR;
import static io.myriad.fleet.monitoring.AlertmanagerConfigTest.TEMPLATES;
import static io.myriad.fleet.monitoring.AlertmanagerConfigTest.definedOnce;
import static io.myriad.fleet.monitoring.AlertmanagerConfigTest.list;
import static io.myriad.fleet.monitoring.AlertmanagerConfigTest.map;
import static io.myriad.fleet.monitoring.AlertmanagerConfigTest.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
/**
 * Runs deploy/alertmanager's configurations in a real, throwaway Alertmanager (the Debian package's binary, on a free
 * port, state in a temporary directory) with stand-in chat, PagerDuty, webhook and SMTP endpoints of this test: the
 * inhibitions silence the right alerts, and the production configuration delivers with its secrets read from files.
 * The checks that need no server are in {@link AlertmanagerConfigTest}.
 */
class AlertmanagerIT {
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
