package io.myriad.observability.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client sees of any error, on a real Tomcat with the management port apart: always an RFC 9457 problem,
 * whoever answered (Tomcat's parser, the body guard, Spring MVC, the error path), never HTML, a server name or a
 * class name. Malformed requests go over a raw socket, since an HTTP client would refuse to send them.
 */
class ProblemDetailsIT {

    private static final JsonMapper json = JsonMapper.builder().build();

    private static ConfigurableApplicationContext service;

    private static int port;

    private static int managementPort;

    @BeforeAll
    static void startService() throws IOException {
        service = new SpringApplicationBuilder(EchoService.class)
                .properties("spring.application.name=problem-details-it", "server.port=0", "management.server.port=0",
                        "spring.kafka.bootstrap-servers=127.0.0.1:" + freePort(),
                        "myriad.observability.kafka.health-timeout=500ms")
                .run();
        port = Integer.parseInt(service.getEnvironment().getProperty("local.server.port"));
        managementPort = Integer.parseInt(service.getEnvironment().getProperty("local.management.port"));
    }

    @AfterAll
    static void stopService() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void answersAMalformedPercentEncodingWithABadRequestProblem() throws Exception {
        assertProblem(raw(port, "GET /a%zz HTTP/1.1\r\nHost: localhost\r\n\r\n"), 400, "bad-request");
        assertProblem(raw(managementPort, "GET /a%zz HTTP/1.1\r\nHost: localhost\r\n\r\n"), 400, "bad-request");
    }

    @Test
    void answersAnHttpVersionItDoesNotSpeakWithABadRequestProblemNotA5xx() throws Exception {
        assertProblem(raw(port, "GET / HTTP/9.9\r\nHost: localhost\r\n\r\n"), 400, "bad-request");
        assertProblem(raw(managementPort, "GET / HTTP/9.9\r\nHost: localhost\r\n\r\n"), 400, "bad-request");
    }

    @Test
    void answersALonePercentWithABadRequestProblem() throws Exception {
        assertProblem(raw(port, "GET /% HTTP/1.1\r\nHost: localhost\r\n\r\n"), 400, "bad-request");
    }

    @Test
    void answersABracketInThePathWithABadRequestProblem() throws Exception {
        assertProblem(raw(port, "GET /[ HTTP/1.1\r\nHost: localhost\r\n\r\n"), 400, "bad-request");
        assertProblem(raw(managementPort, "GET /[ HTTP/1.1\r\nHost: localhost\r\n\r\n"), 400, "bad-request");
    }

    @Test
    void answersAnUnparsableRequestLineWithABadRequestProblem() throws Exception {
        assertProblem(raw(port, "GE(T / HTTP/1.1\r\nHost: localhost\r\n\r\n"), 400, "bad-request");
    }

    @Test
    void refusesABodyAnnouncedOverTheLimitBeforeItIsSent() throws Exception {
        // given headers announcing 10 MB, and not one byte of the body sent
        Response response = raw(port, "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 10485760\r\n\r\n");

        // then the answer comes at once, and the connection is not kept for the rest
        assertProblem(response, 413, "content-too-large");
        assertThat(response.headers()).containsEntry("connection", "close");
        assertThat(response.problem().path("detail").asString()).isEqualTo(
                "The request body must be at most 65536 bytes");
    }

    @Test
    void refusesAChunkedBodyAtTheLimitWithoutWaitingForItsEnd() throws Exception {
        // given 96 KiB of a chunked body whose last chunk never comes
        StringBuilder request = new StringBuilder("POST /echo HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
        String chunk = "a".repeat(8192);
        for (int i = 0; i < 12; i++) {
            request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }

        // then the service answers 413 without the terminating chunk
        assertProblem(raw(port, request.toString()), 413, "content-too-large");
    }

    @Test
    void readsAChunkedBodyUnderTheLimit() throws Exception {
        String body = "{\"text\":\"" + "a".repeat(20_000) + "\"}";
        Response response = raw(port, "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + Integer.toHexString(body.length())
                + "\r\n" + body + "\r\n0\r\n\r\n");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("20000");
    }

    @Test
    void refusesMultipartAndWildcardBodiesWithUnsupportedMediaTypeProblems() throws Exception {
        for (String type : new String[] {"multipart/form-data; boundary=x", "*/*", "application/*"}) {
            String body = "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--\r\n";
            Response response = raw(port, "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + type
                    + "\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
            assertProblem(response, 415, "unsupported-media-type");
        }
    }

    @Test
    void answersSpringMvcsOwnErrorsAsProblems() throws Exception {
        assertProblem(raw(port, "GET /nothing-here HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 404,
                "not-found");
        assertProblem(raw(port, "DELETE /ping HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 405,
                "method-not-allowed");
        assertProblem(raw(port, "GET /text HTTP/1.1\r\nHost: localhost\r\nAccept: image/png\r\nConnection: close"
                + "\r\n\r\n"), 406, "not-acceptable");
        assertProblem(raw(port, "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/csv\r\n"
                + "Content-Length: 3\r\nConnection: close\r\n\r\na,b"), 415, "unsupported-media-type");
        assertProblem(raw(port, "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 2\r\nConnection: close\r\n\r\n[]"), 400, "bad-request");
    }

    @Test
    void givesAnErrorAnsweredWithoutABodyAProblemAndKeepsItsHeaders() throws Exception {
        Response response = raw(port, "GET /bare-401 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertProblem(response, 401, "unauthorized");
        assertThat(response.headers()).containsEntry("www-authenticate", "Bearer");
    }

    @Test
    void leavesASuccessfulEmptyAnswerAlone() throws Exception {
        Response response = raw(port, "GET /empty HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void answersAnExceptionNoHandlerTookWithAServerErrorProblem() throws Exception {
        Response response = raw(port, "GET /boom HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertProblem(response, 500, "internal-server-error");
        assertThat(response.body()).doesNotContain("IllegalStateException", "secret");
    }

    @Test
    void answersTheErrorPathAskedForDirectlyWithNotFound() throws Exception {
        assertProblem(raw(port, "GET /error HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 404,
                "not-found");
        assertProblem(raw(managementPort, "GET /error HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 404,
                "not-found");
    }

    @Test
    void answersUnknownAndUnnormalizedManagementPathsWithProblems() throws Exception {
        assertProblem(raw(managementPort, "GET /actuator/health/../x HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n"), 400, "bad-request");
        assertProblem(raw(port, "GET /a/../ping HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 400,
                "bad-request");
        // the health endpoint's own 404 for a component it does not have, which it sends without a body
        assertProblem(raw(managementPort, "GET /actuator/health/x HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n"), 404, "not-found");
        assertProblem(raw(managementPort, "GET /actuator/health/%2e%2e/x HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n"), 400, "bad-request");
        assertProblem(raw(managementPort, "GET /actuator/nothing HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n"), 404, "not-found");
        assertProblem(raw(managementPort, "POST /actuator/prometheus HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: 10485760\r\n\r\n"), 413, "content-too-large");
    }

    private static void assertProblem(Response response, int status, String slug) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.headers().get("content-type")).as(response.toString())
                .startsWith("application/problem+json");
        JsonNode problem = response.problem();
        assertThat(problem.path("type").asString()).isEqualTo("https://myriad.io/problems/" + slug);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(problem.path("detail").asString()).isNotBlank();
        assertThat(response.body()).doesNotContainIgnoringCase("tomcat").doesNotContain("<html", "io.myriad", "java.",
                "Exception", "at org.");
    }

    /** Sends the bytes as they are and reads one response: status line, headers, and a Content-Length body. */
    private static Response raw(int port, String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = line(in);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        header.substring(colon + 1).trim());
            }
            byte[] body = headers.containsKey("content-length")
                    ? in.readNBytes(Integer.parseInt(headers.get("content-length")))
                    : chunkedOrToClose(in, headers);
            return new Response(Integer.parseInt(statusLine.split(" ")[1]), headers,
                    new String(body, StandardCharsets.UTF_8));
        }
    }

    private static byte[] chunkedOrToClose(InputStream in, Map<String, String> headers) throws IOException {
        if (!"chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            return in.readAllBytes();
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(line(in), 16); size > 0; size = Integer.parseInt(line(in), 16)) {
            body.write(in.readNBytes(size));
            line(in);
        }
        return body.toByteArray();
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    record Response(int status, Map<String, String> headers, String body) {

        JsonNode problem() {
            return json.readTree(this.body);
        }
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(EchoController.class)
    static class EchoService {
    }

    record Text(String text) {
    }

    @RestController
    static class EchoController {

        @PostMapping("/echo")
        String echo(@RequestBody Text text) {
            return String.valueOf(text.text().length());
        }

        @GetMapping("/ping")
        String ping() {
            return "pong";
        }

        @GetMapping("/text")
        Text text() {
            return new Text("a JSON object, which no image/png converter writes");
        }

        @GetMapping("/bare-401")
        ResponseEntity<Void> bare401() {
            return ResponseEntity.status(401).header("WWW-Authenticate", "Bearer").build();
        }

        @GetMapping("/empty")
        ResponseEntity<Void> empty() {
            return ResponseEntity.noContent().build();
        }

        @GetMapping("/boom")
        String boom() {
            throw new IllegalStateException("a secret the client must not see");
        }
    }
}
