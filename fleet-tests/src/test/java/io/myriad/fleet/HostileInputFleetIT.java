package io.myriad.fleet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.myriad.testsupport.JwtKeys;
import io.myriad.testsupport.RawHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static io.myriad.fleet.LocalFleet.JSON;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fleet as an attacker finds it: several hundred hostile requests to every public and management port (malformed
 * JSON, content types, huge bodies, long strings, deep nesting, unicode edge cases, injection strings, CR LF in
 * headers, path traversal, paging bounds, forged tokens, other users' ids, webhook addresses, recurrences, due times
 * and zones, management paths, questions built to make a parser backtrack). Every one must be answered in time,
 * none with a 5xx, every 4xx as RFC 9457 problem details naming nothing internal; a thousand values a user chose add
 * no metric series; and every service is still ready afterwards.
 */
@ExtendWith(LocalFleet.Resolver.class)
class HostileInputFleetIT {

    /** Generous: a hostile request that takes this long has stalled something. */
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    /** What an answer must never show: class, package or library names, stack frames. */
    private static final Pattern INTERNAL = Pattern.compile(
            "io\\.myriad|java\\.(lang|util|io|time)|jakarta\\.|org\\.(springframework|apache|neo4j)|tools\\.jackson"
                    + "|com\\.fasterxml|Exception\\b|\\bat [a-z]+\\.[a-z]+\\.|<html", Pattern.CASE_INSENSITIVE);

    private static final String ISSUER = "myriad-local";

    private static final String USER = "hostile-" + UUID.randomUUID();

    private static final String OTHER = "hostile-other-" + UUID.randomUUID();

    private static LocalFleet fleet;

    private static JwtKeys keys;

    private static final JwtKeys ANOTHER_KEY = JwtKeys.generate();

    /** One hostile request: where it goes, the bytes, and the statuses it may get (empty: any that is not 5xx). */
    record Case(String category, String name, int port, byte[] request, Set<Integer> expected) {
    }

    @BeforeAll
    static void fleet(LocalFleet localFleet) throws IOException {
        fleet = localFleet;
        keys = LocalFleet.userKeys();
    }

    @Test
    void everyHostileRequestIsAnsweredInTimeWithoutA5xxAndEvery4xxIsAProblemDetailNamingNothingInternal()
            throws Exception {
        // given the fleet, a user who owns a reminder, a task and a query, and the hostile requests of every category
        Owned owned = ownedBy(USER);
        List<Case> cases = cases(owned);
        assertThat(cases).hasSizeGreaterThanOrEqualTo(500);

        // when each is sent, one after the other
        Map<String, List<String>> failures = new TreeMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> slowest = new ArrayList<>();
        int throttled = 0;
        for (Case hostile : cases) {
            long started = System.nanoTime();
            RawHttp.Response response = RawHttp.send(hostile.port(), hostile.request(), TIMEOUT);
            long millis = (System.nanoTime() - started) / 1_000_000;
            // One user sends these faster than the per-user rate limit allows: a 429 (itself checked as a problem
            // with Retry-After) is honoured and the case sent again, so that it still reaches what it probes.
            for (int retry = 0; retry < 3 && response.status() == 429; retry++) {
                throttled++;
                assertThat(response.headers()).as("a 429 says when to come back").containsKey("retry-after");
                Thread.sleep(Duration.ofSeconds(Long.parseLong(response.headers().get("retry-after"))));
                response = RawHttp.send(hostile.port(), hostile.request(), TIMEOUT);
            }
            if (millis > 1000) {
                slowest.add(millis + " ms: " + hostile.category() + " / " + hostile.name() + " on :" + hostile.port());
            }
            counts.merge(hostile.category(), 1, Integer::sum);
            statuses.merge(response.status(), 1, Integer::sum);
            String verdict = verdict(hostile, response);
            if (verdict != null) {
                failures.computeIfAbsent(hostile.category(), (key) -> new ArrayList<>())
                        .add(hostile.name() + " on :" + hostile.port() + ": " + verdict);
            }
        }
        System.out.printf("hostile input: %d cases %s, statuses %s, failures %d, sent again after a 429: %d%n",
                cases.size(), counts, statuses, failures.values().stream().mapToInt(List::size).sum(), throttled);
        slowest.forEach((slow) -> System.out.println("hostile input, over a second: " + slow));

        // then none failed, and every service is still ready
        assertThat(failures).as(report(failures)).isEmpty();
        for (String service : List.of("orchestrator", "agents", "input-processor", "output-processor",
                "reminder-service", "graphdb-manager")) {
            assertThat(LocalFleet.get(fleet.service(service).path("readiness_url").asString()).statusCode())
                    .as(service + " ready after the hostile input").isEqualTo(200);
        }
    }

    @Test
    void aThousandValuesAUserChoseAddNoMetricSeries() throws Exception {
        // given one round of each kind of request whose values a user chooses, so that their ordinary series exist
        String marker = "zq" + UUID.randomUUID().toString().substring(0, 6);
        chosenValues(10, marker + "warm");
        Map<String, Set<String>> before = series();

        // when a thousand distinct values go through the same requests: questions naming them, query ids, webhook
        // hosts, concept names, unknown paths, and as many users
        chosenValues(1000, marker);

        // then no series names any of them, and no series of the requests' own families appeared
        Map<String, Set<String>> after = series();
        Map<String, Set<String>> added = new TreeMap<>();
        after.forEach((service, names) -> {
            Set<String> grown = names.stream().filter((name) -> name.contains(marker) || (requestDriven(name)
                    && !before.getOrDefault(service, Set.of()).contains(name)))
                    .collect(Collectors.toCollection(TreeSet::new));
            if (!grown.isEmpty()) {
                added.put(service, grown);
            }
        });
        assertThat(added).as("series added by user-chosen values").isEmpty();
    }

    /**
     * The families a request can add series to: HTTP server and client meters, the fleet's own and Spring Security's.
     * The JVM's and the Kafka clients' families are left out of the before/after comparison, because they grow by
     * themselves (a first full GC for a new cause, a producer's per-node meters bound a minute after its first
     * send); a user's value in any family is still caught by the marker.
     */
    private static boolean requestDriven(String series) {
        return Stream.of("http_server_requests", "http_client_requests", "orchestrator_", "reminder_", "input_",
                "agents_", "graphdb_", "output_", "myriad_", "audit_", "spring_security_")
                .anyMatch(series::startsWith);
    }

    // ---- the cases ------------------------------------------------------------------------------------------------

    private record Owned(String reminderId, String taskId, String queryId) {
    }

    private record Endpoint(String name, int port, String method, String path, String token) {
    }

    private static List<Case> cases(Owned owned) throws IOException {
        int orchestrator = port("orchestrator");
        int reminders = port("reminder-service");
        int graph = port("graphdb-manager");
        String user = LocalFleet.userToken(USER);
        String admin = LocalFleet.adminToken();
        List<Endpoint> writes = List.of(
                new Endpoint("ask", orchestrator, "POST", "/api/v1/queries", user),
                new Endpoint("create reminder", reminders, "POST", "/api/v1/reminders", LocalFleet.userToken(USER)),
                new Endpoint("create task", reminders, "POST", "/api/v1/tasks", LocalFleet.userToken(USER)),
                new Endpoint("replace task", reminders, "PUT", "/api/v1/tasks/" + owned.taskId(), LocalFleet.userToken(USER)),
                new Endpoint("import concepts", graph, "POST", "/api/v1/concepts", admin),
                new Endpoint("create agent", graph, "POST", "/api/v1/agents", admin));
        List<Case> cases = new ArrayList<>();
        malformedJson(cases, writes);
        contentTypes(cases, writes);
        hugeBodies(cases, writes);
        longStrings(cases, orchestrator, reminders, graph, user);
        deepNesting(cases, writes);
        unicode(cases, orchestrator, reminders, user);
        injection(cases, orchestrator, reminders, graph, user);
        rawProtocol(cases);
        pathTraversal(cases);
        paging(cases, reminders, user);
        forgedTokens(cases, orchestrator, reminders, graph);
        otherUsers(cases, owned, orchestrator, reminders);
        webhooks(cases, reminders, user);
        recurrenceAndTime(cases, orchestrator, reminders, user);
        management(cases);
        parserCost(cases, orchestrator, user);
        return cases;
    }

    private static void malformedJson(List<Case> cases, List<Endpoint> writes) {
        List<String> bodies = List.of("", "{", "}", "[", "{\"text\":", "{\"text\":\"unterminated}", "{'text':'x'}",
                "{\"text\":\"x\",}", "{\"text\":\"x\"}{\"text\":\"y\"}", "null", "true", "42", "\"a string\"", "[]",
                "{\"text\":null}", "{\"text\":42}", "{\"text\":{\"a\":1}}", "{\"text\":[\"a\"]}", "\u0000",
                "{\"text\":\"x\" /* comment */}", "{\"text\":NaN}", "{\"text\":\"\\uZZZZ\"}",
                "{\"message\":\"x\",\"dueAt\":[1,2,3],\"zone\":{}}", "{\"title\":true,\"dueAt\":\"yesterday\"}",
                "{\"concepts\":\"not a list\"}", "{\"concept\":1,\"intent\":\"NOPE\",\"origin\":\"seed\"}");
        for (Endpoint endpoint : writes) {
            for (int i = 0; i < bodies.size(); i++) {
                cases.add(new Case("malformed json", endpoint.name() + " #" + i, endpoint.port(),
                        http(endpoint.method(), endpoint.path(), json(endpoint.token()), utf8(bodies.get(i))),
                        Set.of()));
            }
        }
    }

    private static void contentTypes(List<Case> cases, List<Endpoint> writes) {
        List<String> types = List.of("text/plain", "multipart/form-data; boundary=x", "*/*", "application/*",
                "application/xml", "application/x-www-form-urlencoded", "application/json; charset=bogus",
                "image/png", "application/json, text/plain", "not a media type", "application/", ";");
        for (Endpoint endpoint : writes) {
            for (String type : types) {
                cases.add(new Case("content types", endpoint.name() + " as " + type, endpoint.port(),
                        http(endpoint.method(), endpoint.path(), headers("Content-Type", type, "Authorization",
                                "Bearer " + endpoint.token()), utf8("{\"text\":\"What is a lightbulb?\"}")),
                        Set.of(400, 401, 403, 404, 406, 413, 415)));
            }
            cases.add(new Case("content types", endpoint.name() + " without a type", endpoint.port(),
                    http(endpoint.method(), endpoint.path(), headers("Authorization", "Bearer " + endpoint.token()),
                            utf8("{\"text\":\"What is a lightbulb?\"}")),
                    Set.of(400, 401, 403, 404, 415)));
        }
    }

    private static void hugeBodies(List<Case> cases, List<Endpoint> writes) {
        byte[] megabyte = jsonText(1 << 20);
        byte[] tenMegabytes = jsonText(10 << 20);
        for (Endpoint endpoint : writes) {
            cases.add(new Case("huge bodies", endpoint.name() + " 1 MB", endpoint.port(),
                    http(endpoint.method(), endpoint.path(), json(endpoint.token()), megabyte), Set.of(413)));
            cases.add(new Case("huge bodies", endpoint.name() + " 10 MB", endpoint.port(),
                    http(endpoint.method(), endpoint.path(), json(endpoint.token()), tenMegabytes), Set.of(413)));
            cases.add(new Case("huge bodies", endpoint.name() + " 10 MB chunked", endpoint.port(),
                    chunked(endpoint.method(), endpoint.path(), json(endpoint.token()), tenMegabytes),
                    Set.of(400, 413)));
        }
    }

    private static void longStrings(List<Case> cases, int orchestrator, int reminders, int graph, String user) {
        Map<String, String> json = json(user);
        cases.add(new Case("long strings", "question of 4097 bytes", orchestrator,
                http("POST", "/api/v1/queries", json, body(Map.of("text", "a".repeat(4097)))), Set.of(400)));
        cases.add(new Case("long strings", "question of 60 KB", orchestrator,
                http("POST", "/api/v1/queries", json, body(Map.of("text", "b".repeat(60_000)))), Set.of(400, 413)));
        cases.add(new Case("long strings", "zone of 10 KB", orchestrator,
                http("POST", "/api/v1/queries", json, body(Map.of("text", "What is a kettle?", "zone",
                        "Europe/" + "x".repeat(10_000)))), Set.of(400)));
        cases.add(new Case("long strings", "format of 10 KB", orchestrator,
                http("POST", "/api/v1/queries", json, body(Map.of("text", "What is a kettle?", "format",
                        "j".repeat(10_000)))), Set.of(400)));
        cases.add(new Case("long strings", "reminder message of 501 characters", reminders,
                http("POST", "/api/v1/reminders", json, reminder("m".repeat(501), "UTC", null)), Set.of(400)));
        cases.add(new Case("long strings", "reminder message of 60 KB", reminders,
                http("POST", "/api/v1/reminders", json, reminder("m".repeat(60_000), "UTC", null)),
                Set.of(400, 413)));
        cases.add(new Case("long strings", "task title of 201 characters", reminders,
                http("POST", "/api/v1/tasks", json, body(Map.of("title", "t".repeat(201)))), Set.of(400)));
        cases.add(new Case("long strings", "task description of 2001 characters", reminders,
                http("POST", "/api/v1/tasks", json, body(Map.of("title", "t", "description", "d".repeat(2001)))),
                Set.of(400)));
        cases.add(new Case("long strings", "concept name of 7 KB in the path", graph,
                http("GET", "/api/v1/concepts/" + "c".repeat(7000), Map.of(), null), Set.of(400, 404, 414)));
        cases.add(new Case("long strings", "concept name of 64 KB in the path", graph,
                http("GET", "/api/v1/concepts/" + "c".repeat(65_536), Map.of(), null), Set.of(400, 414, 431)));
        cases.add(new Case("long strings", "a header of 64 KB", orchestrator,
                http("GET", "/api/v1/queries/x", headers("X-Long", "h".repeat(65_536)), null),
                Set.of(400, 431)));
        cases.add(new Case("long strings", "a reminder id of 7 KB", reminders,
                http("GET", "/api/v1/reminders/" + "r".repeat(7000), json, null), Set.of(400, 404, 414)));
        cases.add(new Case("long strings", "a query id of 7 KB", orchestrator,
                http("GET", "/api/v1/queries/" + "q".repeat(7000), json, null), Set.of(400, 404, 414)));
        cases.add(new Case("long strings", "import of 100,000 concepts", graph,
                http("POST", "/api/v1/concepts", json(LocalFleet.adminToken()), manyConcepts(100_000)), Set.of(400, 413)));
    }

    private static void deepNesting(List<Case> cases, List<Endpoint> writes) {
        String arrays = "[".repeat(10_000) + "]".repeat(10_000);
        String objects = "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000);
        String inField = "{\"text\":\"x\",\"format\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}";
        for (Endpoint endpoint : writes) {
            for (String nested : List.of(arrays, objects, inField)) {
                cases.add(new Case("deep nesting", endpoint.name() + " depth " + nested.length() / 2,
                        endpoint.port(), http(endpoint.method(), endpoint.path(), json(endpoint.token()),
                                utf8(nested)), Set.of(400, 413)));
            }
        }
    }

    private static void unicode(List<Case> cases, int orchestrator, int reminders, String user) {
        List<String> texts = List.of("What is a \uD83D\uDCA1?", "ما هو المصباح؟", "What is a light\u200Bbulb?",
                "What is a lightbulb" + "\u0301".repeat(1000) + "?", "What is a \u0000lightbulb?",
                "What is a \uFFFF?", "ＷＨＡＴ ＩＳ Ａ ＬＩＧＨＴＢＵＬＢ？", "WHAT IS A LİGHTBULB?",
                "\uD83D\uDE00".repeat(1000), "\u202Eblubthgil a si tahW", "What is a \uFEFFlightbulb?",
                "\t\n\r What is a kettle? \r\n\t");
        Map<String, String> json = json(user);
        for (String text : texts) {
            String name = text.codePoints().limit(12).mapToObj(Integer::toHexString).collect(Collectors.joining(" "));
            cases.add(new Case("unicode", "question " + name, orchestrator,
                    http("POST", "/api/v1/queries", json, body(Map.of("text", text))), Set.of()));
            cases.add(new Case("unicode", "reminder " + name, reminders,
                    http("POST", "/api/v1/reminders", json, reminder(text, "UTC", null)), Set.of()));
            cases.add(new Case("unicode", "task " + name, reminders,
                    http("POST", "/api/v1/tasks", json, body(Map.of("title", text.substring(0,
                            Math.min(text.length(), 100))))), Set.of()));
        }
        // Bytes that are not UTF-8: a lone continuation, an overlong slash, a truncated sequence, a lone surrogate.
        List<byte[]> invalid = List.of(new byte[] { (byte) 0xC3, 0x28 }, new byte[] { (byte) 0xC0, (byte) 0xAF },
                new byte[] { (byte) 0xE2, (byte) 0x82 }, new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 },
                new byte[] { (byte) 0xFF, (byte) 0xFE });
        for (int i = 0; i < invalid.size(); i++) {
            byte[] question = concat(utf8("{\"text\":\"What is a "), invalid.get(i), utf8("?\"}"));
            cases.add(new Case("unicode", "question with invalid UTF-8 #" + i, orchestrator,
                    http("POST", "/api/v1/queries", json, question), Set.of()));
            byte[] task = concat(utf8("{\"title\":\"a "), invalid.get(i), utf8("\"}"));
            cases.add(new Case("unicode", "task with invalid UTF-8 #" + i, reminders,
                    http("POST", "/api/v1/tasks", json, task), Set.of()));
        }
    }

    private static void injection(List<Case> cases, int orchestrator, int reminders, int graph, String user) {
        List<String> strings = List.of("' OR 1=1 --", "\"); MATCH (n) DETACH DELETE n; //", "${jndi:ldap://127.0.0.1/a}",
                "{{7*7}}", "<script>alert(1)</script>", "\r\nFLUSHALL\r\n", "*", "../../etc/passwd", "%s%s%s%n",
                "$(id)", "`id`", "{\"$gt\":\"\"}", "a]b[c(d", "(a+)+$", "user:*:reminders", "%00", "\\", "' }) RETURN 1 //");
        Map<String, String> json = json(user);
        for (String injected : strings) {
            String encoded = java.net.URLEncoder.encode(injected, StandardCharsets.UTF_8).replace("+", "%20");
            String name = "'" + injected.replace("\r", "\\r").replace("\n", "\\n") + "'";
            cases.add(new Case("injection", "question " + name, orchestrator,
                    http("POST", "/api/v1/queries", json, body(Map.of("text", "What is " + injected + "?"))),
                    Set.of()));
            cases.add(new Case("injection", "task title " + name, reminders,
                    http("POST", "/api/v1/tasks", json, body(Map.of("title", injected))), Set.of()));
            cases.add(new Case("injection", "reminder message " + name, reminders,
                    http("POST", "/api/v1/reminders", json, reminder(injected, "UTC", null)), Set.of()));
            cases.add(new Case("injection", "concept " + name, graph,
                    http("GET", "/api/v1/concepts/" + encoded, Map.of(), null), Set.of(400, 404)));
            cases.add(new Case("injection", "agent " + name, graph,
                    http("GET", "/api/v1/agents/" + encoded, Map.of(), null), Set.of(400, 404)));
            cases.add(new Case("injection", "discovery " + name, graph,
                    http("GET", "/api/v1/agents/discovery?concept=" + encoded + "&intent=" + encoded, Map.of(), null),
                    Set.of(200, 400, 404)));
            cases.add(new Case("injection", "reminder id " + name, reminders,
                    http("GET", "/api/v1/reminders/" + encoded, json, null), Set.of(400, 404)));
            cases.add(new Case("injection", "reminder deliveries " + name, reminders,
                    http("GET", "/api/v1/reminders/" + encoded + "/deliveries", json, null), Set.of(400, 404)));
            cases.add(new Case("injection", "task id " + name, reminders,
                    http("GET", "/api/v1/tasks/" + encoded, json, null), Set.of(400, 404)));
            cases.add(new Case("injection", "query id " + name, orchestrator,
                    http("GET", "/api/v1/queries/" + encoded, json, null), Set.of(400, 404)));
            cases.add(new Case("injection", "inbox delivery " + name, reminders,
                    http("DELETE", "/api/v1/inbox/" + encoded, json, null), Set.of(204, 400, 404)));
        }
    }

    private static void rawProtocol(List<Case> cases) {
        List<String> requests = List.of(
                "GET /api/v1/x HTTP/1.1\r\nHost: a\r\nX-Folded: a\r\n b\r\nConnection: close\r\n\r\n",
                "GET /api/v1/x HTTP/1.1\r\nHost: a\r\nX-Cr: a\rInjected: b\r\nConnection: close\r\n\r\n",
                "GET /api/v1/x HTTP/1.1\r\nHost: a\r\nX-Lf: a\nInjected: b\r\nConnection: close\r\n\r\n",
                "GET /a%zz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
                "GET /[ HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
                "GET /a b HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
                "GET /%  HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
                "GET /\u0001 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
                "GET / HTTP/9.9\r\nHost: a\r\nConnection: close\r\n\r\n",
                "FOO /api/v1/queries HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
                "GET / HTTP/1.1\r\nConnection: close\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: a\r\nBad Header: x\r\nConnection: close\r\n\r\n",
                "POST /api/v1/x HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\nConnection: close\r\n\r\n",
                "POST /api/v1/x HTTP/1.1\r\nHost: a\r\nContent-Length: abc\r\nConnection: close\r\n\r\n",
                "POST /api/v1/x HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\nContent-Length: 3\r\nConnection: close"
                        + "\r\n\r\nabc",
                "POST /api/v1/x HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n"
                        + "Connection: close\r\n\r\n0\r\n\r\n",
                "POST /api/v1/x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n",
                "GET /" + "u".repeat(100_000) + " HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
                "garbage\r\n\r\n");
        for (int port : allPorts()) {
            for (int i = 0; i < requests.size(); i++) {
                cases.add(new Case("raw protocol", "request #" + i, port,
                        requests.get(i).getBytes(StandardCharsets.ISO_8859_1), Set.of()));
            }
        }
    }

    private static void pathTraversal(List<Case> cases) {
        List<String> paths = List.of("/actuator/health/../x", "/actuator/health/..;/env", "/..%2f..%2fetc%2fpasswd",
                "/%2e%2e/%2e%2e/etc/passwd", "/api/v1/../../etc/passwd", "/api/v1/reminders/..%2f..%2f",
                "/api/v1/queries/..%252f", "/WEB-INF/web.xml", "/;jsessionid=x", "/%00", "//etc/passwd",
                "/actuator/%2e%2e/%2e%2e", "/error", "/api/v1/concepts/..%5c..%5cwindows");
        for (int port : allPorts()) {
            for (String path : paths) {
                cases.add(new Case("path traversal", path, port, http("GET", path, Map.of(), null),
                        Set.of(400, 401, 404, 405)));
            }
        }
    }

    private static void paging(List<Case> cases, int reminders, String user) {
        List<String> queries = List.of("page=-1", "page=100001", "page=abc", "size=0", "size=101", "size=-5",
                "size=1000000000", "page=99999999999999999999", "size=", "page[]=1", "page=1&page=2", "size=1e3");
        for (String list : List.of("/api/v1/reminders", "/api/v1/tasks")) {
            for (String query : queries) {
                cases.add(new Case("paging bounds", list + "?" + query, reminders,
                        http("GET", list + "?" + query, json(user), null), Set.of(200, 400)));
            }
        }
    }

    private static void forgedTokens(List<Case> cases, int orchestrator, int reminders, int graph) {
        Instant now = Instant.now();
        Map<String, String> forged = new LinkedHashMap<>();
        forged.put("alg none", unsigned("{\"alg\":\"none\"}", claims(USER, now.plusSeconds(600))));
        forged.put("HS256 with a guessed secret", unsigned("{\"alg\":\"HS256\"}", claims(USER,
                now.plusSeconds(600))) + "c2VjcmV0");
        forged.put("another key", ANOTHER_KEY.sign(claims(USER, now.plusSeconds(600))));
        forged.put("expired", keys.sign(claims(USER, now.minusSeconds(60))));
        forged.put("another issuer", keys.sign(claims(USER, now.plusSeconds(600))
                .replace("\"iss\":\"" + ISSUER + "\"", "\"iss\":\"evil\"")));
        forged.put("another audience", keys.token(ISSUER, "somebody-else", USER, Duration.ofMinutes(5)));
        forged.put("no subject", keys.sign(claims(USER, now.plusSeconds(600))
                .replace("\"sub\":\"" + USER + "\",", "")));
        forged.put("garbage", "abc.def.ghi");
        forged.put("empty", "");
        forged.put("10 KB", "x".repeat(10_000));
        forged.put("signature cut", LocalFleet.userToken(USER).substring(0, LocalFleet.userToken(USER).length() - 10));
        for (Map.Entry<String, String> token : forged.entrySet()) {
            Map<String, String> auth = headers("Content-Type", "application/json", "Authorization",
                    "Bearer " + token.getValue());
            // A header over Tomcat's 8 KB is refused as malformed before anyone reads the token.
            Set<Integer> refused = token.getValue().length() > 8000 ? Set.of(400) : Set.of(401);
            cases.add(new Case("forged tokens", "ask with " + token.getKey(), orchestrator,
                    http("POST", "/api/v1/queries", auth, body(Map.of("text", "What is a lightbulb?"))), refused));
            cases.add(new Case("forged tokens", "reminders with " + token.getKey(), reminders,
                    http("GET", "/api/v1/reminders", auth, null), refused));
            cases.add(new Case("forged tokens", "graph write with " + token.getKey(), graph,
                    http("POST", "/api/v1/concepts", auth, manyConcepts(1)), refused));
        }
        Map<String, String> basic = headers("Content-Type", "application/json", "Authorization", "Basic dXNlcjpwYXNz");
        cases.add(new Case("forged tokens", "ask with basic auth", orchestrator,
                http("POST", "/api/v1/queries", basic, body(Map.of("text", "What is a lightbulb?"))), Set.of(401)));
        cases.add(new Case("forged tokens", "ask without a token", orchestrator,
                http("POST", "/api/v1/queries", headers("Content-Type", "application/json"),
                        body(Map.of("text", "What is a lightbulb?"))), Set.of(401)));
        cases.add(new Case("forged tokens", "ask with X-User-Id only", orchestrator,
                http("POST", "/api/v1/queries", headers("Content-Type", "application/json", "X-User-Id", OTHER),
                        body(Map.of("text", "What is a lightbulb?"))), Set.of(401)));
        cases.add(new Case("forged tokens", "graph write with a user's token", graph,
                http("POST", "/api/v1/concepts", json(LocalFleet.userToken(USER)), manyConcepts(1)), Set.of(401, 403)));
        cases.add(new Case("forged tokens", "agent write with a user's token", graph,
                http("POST", "/api/v1/agents", json(LocalFleet.userToken(USER)),
                        utf8("{\"concept\":\"lightbulb\",\"intent\":\"DEFINE\"}")), Set.of(401, 403)));
        // Odd subjects, signed properly: they must stay inside their own keys and series.
        for (String subject : List.of("*", "user:*", "..%2f", "a\\u0000b")) {
            cases.add(new Case("forged tokens", "reminders of subject '" + subject + "'", reminders,
                    http("GET", "/api/v1/reminders", json(LocalFleet.userToken(subject)), null), Set.of(200, 400, 401)));
        }
    }

    private static void otherUsers(List<Case> cases, Owned owned, int orchestrator, int reminders) {
        Map<String, String> other = json(LocalFleet.userToken(OTHER));
        cases.add(new Case("other users", "read another's reminder", reminders,
                http("GET", "/api/v1/reminders/" + owned.reminderId(), other, null), Set.of(404)));
        cases.add(new Case("other users", "read another's reminder's deliveries", reminders,
                http("GET", "/api/v1/reminders/" + owned.reminderId() + "/deliveries", other, null), Set.of(404)));
        cases.add(new Case("other users", "replace another's reminder", reminders,
                http("PUT", "/api/v1/reminders/" + owned.reminderId(), other, reminder("mine now", "UTC", null)),
                Set.of(404)));
        cases.add(new Case("other users", "delete another's reminder", reminders,
                http("DELETE", "/api/v1/reminders/" + owned.reminderId(), other, null), Set.of(404)));
        cases.add(new Case("other users", "read another's task", reminders,
                http("GET", "/api/v1/tasks/" + owned.taskId(), other, null), Set.of(404)));
        cases.add(new Case("other users", "complete another's task", reminders,
                http("POST", "/api/v1/tasks/" + owned.taskId() + "/complete", other, null), Set.of(404)));
        cases.add(new Case("other users", "delete another's task", reminders,
                http("DELETE", "/api/v1/tasks/" + owned.taskId(), other, null), Set.of(404)));
        cases.add(new Case("other users", "read another's query", orchestrator,
                http("GET", "/api/v1/queries/" + owned.queryId(), other, null), Set.of(404)));
    }

    private static void webhooks(List<Case> cases, int reminders, String user) {
        List<String> urls = List.of("file:///etc/passwd", "gopher://127.0.0.1:6379/_FLUSHALL", "ftp://example.com/",
                "javascript:alert(1)", "http://", "not a url", "http://[::1", "https://example.com:99999/",
                "http://user:pass@example.com/", "data:text/plain,hello", "http://example.com/\r\nX: y", "//example.com");
        for (String url : urls) {
            String channels = "[{\"type\":\"webhook\",\"url\":" + quote(url) + "}]";
            cases.add(new Case("webhook addresses", url.replace("\r\n", "\\r\\n"), reminders,
                    http("POST", "/api/v1/reminders", json(user), utf8("{\"message\":\"hook\",\"dueAt\":\"2031-01-01T09:00\","
                            + "\"zone\":\"UTC\",\"channels\":" + channels + "}")), Set.of(400)));
        }
    }

    private static void recurrenceAndTime(List<Case> cases, int orchestrator, int reminders, String user) {
        Map<String, String> json = json(user);
        for (String zone : List.of("Mars/Phobos", "../../etc/passwd", "", "UTC+99", "GMT+25:00", "\u0000")) {
            cases.add(new Case("time zones", "reminder in '" + zone + "'", reminders,
                    http("POST", "/api/v1/reminders", json, reminder("zone", zone, null)), Set.of(400)));
            cases.add(new Case("time zones", "question in '" + zone + "'", orchestrator,
                    http("POST", "/api/v1/queries", json, body(Map.of("text", "What is a kettle?", "zone", zone))),
                    Set.of(400)));
        }
        for (String due : List.of("+999999999-12-31T23:59", "2026-13-45T25:61", "tomorrow", "", "1970-01-01T00:00",
                "2031-01-01T09:00:00+99:00")) {
            cases.add(new Case("due times", "reminder due '" + due + "'", reminders,
                    http("POST", "/api/v1/reminders", json, utf8("{\"message\":\"due\",\"dueAt\":" + quote(due)
                            + ",\"zone\":\"UTC\"}")), Set.of(201, 400)));
            cases.add(new Case("due times", "task due '" + due + "'", reminders,
                    http("POST", "/api/v1/tasks", json, utf8("{\"title\":\"due\",\"dueAt\":" + quote(due) + "}")),
                    Set.of(201, 400)));
        }
        for (String recurrence : List.of("{\"frequency\":\"MINUTES\",\"interval\":0}",
                "{\"frequency\":\"MINUTES\",\"interval\":-1}", "{\"frequency\":\"HOURS\",\"interval\":2147483647}",
                "{\"frequency\":\"DAYS\",\"interval\":1e10}", "{\"frequency\":\"SECONDLY\",\"interval\":1}",
                "{\"frequency\":\"WEEKLY\",\"at\":\"08:00\"}", "{\"frequency\":\"WEEKLY\",\"days\":[\"FUNDAY\"],"
                        + "\"at\":\"08:00\"}", "{\"frequency\":\"DAILY\",\"at\":\"25:00\"}",
                "{\"frequency\":\"DAILY\",\"at\":\"9\"}", "{\"frequency\":\"WEEKLY\",\"days\":[],\"at\":\"08:00\"}",
                "{\"frequency\":null}", "[]")) {
            cases.add(new Case("recurrence", recurrence, reminders,
                    http("POST", "/api/v1/reminders", json, reminder("recur", "UTC", recurrence)), Set.of(400)));
        }
        for (String question : List.of("remind me tomorrow at 9", "remind me to stretch every 0 minutes",
                "remind me to stretch in 99999999999 years", "remind me to stretch at 25:99",
                "remind me to stretch on February 30", "remind me to", "remind me to stretch every -5 hours",
                "remind me to " + "x".repeat(600) + " in 1 minute")) {
            cases.add(new Case("recurrence", "question '" + question.substring(0, Math.min(question.length(), 60))
                    + "'", orchestrator, http("POST", "/api/v1/queries", json, body(Map.of("text", question))),
                    Set.of(200, 400, 422)));
        }
    }

    private static void management(List<Case> cases) {
        List<String[]> requests = List.of(new String[] { "GET", "/actuator/env" },
                new String[] { "GET", "/actuator/heapdump" }, new String[] { "GET", "/actuator/threaddump" },
                new String[] { "GET", "/actuator/configprops" }, new String[] { "POST", "/actuator/shutdown" },
                new String[] { "POST", "/actuator/loggers/ROOT" }, new String[] { "GET", "/actuator/beans" },
                new String[] { "GET", "/actuator/mappings" }, new String[] { "GET", "/actuator/jolokia" },
                new String[] { "GET", "/actuator/health/../x" }, new String[] { "GET", "/error" },
                new String[] { "GET", "/actuator/%2e%2e" }, new String[] { "DELETE", "/actuator/prometheus" },
                new String[] { "GET", "/actuator/health/%00" });
        for (String service : fleet.facts().path("services").valueStream().map((s) -> s.path("name").asString())
                .toList()) {
            int port = managementPort(service);
            for (String[] request : requests) {
                cases.add(new Case("management paths", request[0] + " " + request[1], port,
                        http(request[0], request[1], headers("Content-Type", "application/json"),
                                request[0].equals("POST") ? utf8("{\"configuredLevel\":\"TRACE\"}") : null),
                        Set.of(400, 404, 405)));
            }
        }
    }

    private static void parserCost(List<Case> cases, int orchestrator, String user) {
        List<String> questions = List.of("what is a ".repeat(400), "a".repeat(4096), "remind me to ".repeat(300),
                "lightbulb ".repeat(400), "and ".repeat(1000), "(".repeat(4000), "what is a lightbulb and ".repeat(170),
                "?!.,;".repeat(800), "\t \n".repeat(1300), "é".repeat(2000), "how does a ".repeat(370),
                "compare a lightbulb and a candle and ".repeat(110), "every ".repeat(680), "at 9 ".repeat(800),
                "in 1 minute ".repeat(340), "remind me to stretch every ".repeat(150));
        for (String question : questions) {
            cases.add(new Case("parser cost", "'" + question.substring(0, 24).strip() + "...' ("
                    + question.getBytes(StandardCharsets.UTF_8).length + " bytes)", orchestrator,
                    http("POST", "/api/v1/queries", json(user), body(Map.of("text", question))),
                    Set.of(200, 400, 422)));
        }
    }

    // ---- a thousand chosen values -------------------------------------------------------------------------------

    private static void chosenValues(int count, String prefix) throws IOException, InterruptedException {
        int orchestrator = port("orchestrator");
        int reminders = port("reminder-service");
        int graph = port("graphdb-manager");
        for (int i = 0; i < count; i++) {
            String value = prefix + i;
            String user = LocalFleet.userToken("tags-" + value);
            switch (i % 5) {
                case 0 -> RawHttp.send(orchestrator, http("POST", "/api/v1/queries", json(user),
                        body(Map.of("text", "What is a " + value + "?"))), TIMEOUT);
                case 1 -> RawHttp.send(orchestrator, http("GET", "/api/v1/queries/" + value, json(user), null),
                        TIMEOUT);
                case 2 -> RawHttp.send(reminders, http("POST", "/api/v1/reminders", json(user),
                        utf8("{\"message\":\"tag\",\"dueAt\":\"2031-01-01T09:00\",\"zone\":\"UTC\",\"channels\":"
                                + "[{\"type\":\"webhook\",\"url\":\"https://" + value + ".example.com/hook\"}]}")),
                        TIMEOUT);
                case 3 -> RawHttp.send(graph, http("GET", "/api/v1/concepts/" + value, Map.of(), null), TIMEOUT);
                default -> RawHttp.send(port(List.of("agents", "input-processor", "output-processor").get(i % 3)),
                        http("GET", "/" + value, Map.of(), null), TIMEOUT);
            }
        }
    }

    /** Each service's series: the name and labels of every sample line, exemplars and values cut off. */
    private static Map<String, Set<String>> series() throws IOException, InterruptedException {
        Map<String, Set<String>> series = new TreeMap<>();
        for (JsonNode service : fleet.facts().path("services")) {
            String exposition = LocalFleet.get(service.path("prometheus_url").asString()).body();
            series.put(service.path("name").asString(), exposition.lines()
                    .filter((line) -> !line.startsWith("#") && !line.isBlank())
                    .map((line) -> line.contains("}") ? line.substring(0, line.lastIndexOf('}') + 1)
                            : line.substring(0, line.indexOf(' ')))
                    .map((line) -> line.replaceAll(",?instance=\"[^\"]*\"", ""))
                    .collect(Collectors.toCollection(TreeSet::new)));
        }
        return series;
    }

    // ---- judging an answer ----------------------------------------------------------------------------------------

    private static String verdict(Case hostile, RawHttp.Response response) {
        if (!response.answered()) {
            return response.failure();
        }
        int status = response.status();
        if (status >= 500) {
            return "answered " + status + ": " + abbreviate(response.body());
        }
        if (!hostile.expected().isEmpty() && !hostile.expected().contains(status)
                && !(status == 429 && hostile.expected().stream().anyMatch((s) -> s >= 400))) {
            return "answered " + status + ", expected one of " + hostile.expected() + ": " + abbreviate(response.body());
        }
        if (INTERNAL.matcher(response.body()).find()) {
            return "names something internal: " + abbreviate(response.body());
        }
        if (status >= 400) {
            if (!response.contentType().startsWith("application/problem+json")) {
                return "a " + status + " as '" + response.contentType() + "', not problem details: "
                        + abbreviate(response.body());
            }
            try {
                JsonNode problem = JSON.readTree(response.body());
                if (problem.path("status").asInt() != status || problem.path("title").asString("").isBlank()
                        || problem.path("type").asString("").isBlank()) {
                    return "a problem without status, title or type: " + abbreviate(response.body());
                }
            }
            catch (RuntimeException ex) {
                return "a problem that is not JSON: " + abbreviate(response.body());
            }
        }
        return null;
    }

    private static String report(Map<String, List<String>> failures) {
        StringBuilder report = new StringBuilder("hostile requests that were not answered as they should be:\n");
        failures.forEach((category, list) -> {
            report.append("  ").append(category).append(" (").append(list.size()).append("):\n");
            list.stream().limit(25).forEach((failure) -> report.append("    ").append(failure).append('\n'));
        });
        return report.toString();
    }

    private static String abbreviate(String body) {
        String flat = body.replaceAll("\\s+", " ");
        return (flat.length() > 300) ? flat.substring(0, 300) + "..." : flat;
    }

    // ---- setting up and writing requests --------------------------------------------------------------------------

    private static Owned ownedBy(String user) throws IOException {
        String token = LocalFleet.userToken(user);
        JsonNode reminder = JSON.readTree(RawHttp.send(port("reminder-service"), http("POST", "/api/v1/reminders",
                json(token), reminder("owned", "UTC", null)), TIMEOUT).body());
        JsonNode task = JSON.readTree(RawHttp.send(port("reminder-service"), http("POST", "/api/v1/tasks",
                json(token), body(Map.of("title", "owned"))), TIMEOUT).body());
        JsonNode query = JSON.readTree(RawHttp.send(port("orchestrator"), http("POST", "/api/v1/queries",
                json(token), body(Map.of("text", "What is a lightbulb?"))), TIMEOUT).body());
        Owned owned = new Owned(reminder.path("id").asString(), task.path("id").asString(),
                query.path("queryId").asString());
        assertThat(owned.reminderId()).as("a reminder of %s: %s", user, reminder).isNotBlank();
        assertThat(owned.taskId()).as("a task of %s: %s", user, task).isNotBlank();
        assertThat(owned.queryId()).as("a query of %s: %s", user, query).isNotBlank();
        return owned;
    }

    private static int port(String service) {
        return fleet.service(service).path("port").asInt();
    }

    private static int managementPort(String service) {
        return Integer.parseInt(fleet.service(service).path("management_url").asString()
                .replaceAll(".*:(\\d+)/.*", "$1"));
    }

    private static List<Integer> allPorts() {
        List<Integer> ports = new ArrayList<>();
        for (JsonNode service : fleet.facts().path("services")) {
            ports.add(service.path("port").asInt());
            ports.add(managementPort(service.path("name").asString()));
        }
        return ports;
    }

    private static Map<String, String> json(String token) {
        return headers("Content-Type", "application/json", "Authorization", "Bearer " + token);
    }

    private static Map<String, String> headers(String... namesAndValues) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    static byte[] http(String method, String path, Map<String, String> headers, byte[] body) {
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\nConnection: close\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        return concat(head.toString().getBytes(StandardCharsets.UTF_8), (body != null) ? body : new byte[0]);
    }

    private static byte[] chunked(String method, String path, Map<String, String> headers, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, String> withEncoding = new LinkedHashMap<>(headers);
        withEncoding.put("Transfer-Encoding", "chunked");
        out.writeBytes(http(method, path, withEncoding, null));
        for (int offset = 0; offset < body.length; offset += 65_536) {
            int length = Math.min(65_536, body.length - offset);
            out.writeBytes(utf8(Integer.toHexString(length) + "\r\n"));
            out.write(body, offset, length);
            out.writeBytes(utf8("\r\n"));
        }
        out.writeBytes(utf8("0\r\n\r\n"));
        return out.toByteArray();
    }

    private static byte[] body(Map<String, String> fields) {
        return utf8(JSON.writeValueAsString(fields));
    }

    private static byte[] reminder(String message, String zone, String recurrence) {
        return utf8("{\"message\":" + quote(message) + ",\"dueAt\":\"2031-01-01T09:00\",\"zone\":" + quote(zone)
                + ((recurrence != null) ? ",\"recurrence\":" + recurrence : "") + "}");
    }

    private static byte[] jsonText(int bytes) {
        return utf8("{\"text\":\"" + "z".repeat(bytes) + "\",\"message\":\"m\",\"title\":\"t\"}");
    }

    private static byte[] manyConcepts(int count) {
        StringBuilder concepts = new StringBuilder("{\"concepts\":[");
        for (int i = 0; i < count; i++) {
            concepts.append((i > 0) ? "," : "").append("{\"name\":\"hostile-concept-").append(i)
                    .append("\",\"definition\":\"d\"}");
        }
        return utf8(concepts.append("]}").toString());
    }

    /** The claims of a user's token as {@code ./myriad token} writes them, expiring at {@code expires}. */
    private static String claims(String subject, Instant expires) {
        return "{\"iss\":\"" + ISSUER + "\",\"aud\":[\"myriad-queries\",\"myriad-reminders\"],\"sub\":\"" + subject
                + "\",\"iat\":" + Instant.now().getEpochSecond() + ",\"exp\":" + expires.getEpochSecond() + "}";
    }

    private static String unsigned(String header, String claims) {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        return url.encodeToString(utf8(header)) + "." + url.encodeToString(utf8(claims)) + ".";
    }

    private static String quote(String value) {
        return JSON.writeValueAsString(value);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
