package io.myriad.inputprocessor.vocabulary;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.myriad.contracts.graph.ConceptName;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tiny HTTP server speaking graphdb-manager's {@code GET /api/v1/concepts/names} contract ({@code ConceptName[]}
 * as JSON; a 503 problem while "down"), so the input-processor's tests control the vocabulary it loads. It
 * stands in for graphdb-manager only here: the fleet tests cover the input-processor against the real one.
 */
public final class GraphdbConceptNamesServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<ConceptName> concepts = new CopyOnWriteArrayList<>();

    private final AtomicBoolean down = new AtomicBoolean();

    private final HttpServer server;

    private GraphdbConceptNamesServer(HttpServer server) {
        this.server = server;
    }

    /** Starts on a free port of the loopback interface, serving {@code concepts}. */
    public static GraphdbConceptNamesServer start(List<ConceptName> concepts) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            GraphdbConceptNamesServer server = new GraphdbConceptNamesServer(http);
            server.serve(concepts);
            http.createContext("/api/v1/concepts/names", server::handle);
            http.start();
            return server;
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot start the graphdb stand-in", ex);
        }
    }

    /** Where graphdb-manager's API is, for {@code myriad.graphdb.url}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
    }

    /** From now on answers with exactly {@code concepts}. */
    public void serve(List<ConceptName> concepts) {
        this.concepts.clear();
        this.concepts.addAll(concepts);
    }

    /** From now on answers 503 ({@code true}) or the concepts ({@code false}). */
    public void down(boolean down) {
        this.down.set(down);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                reply(exchange, 405, "application/problem+json", "{\"status\":405}");
            }
            else if (this.down.get()) {
                reply(exchange, 503, "application/problem+json", "{\"status\":503,\"title\":\"Service Unavailable\"}");
            }
            else {
                reply(exchange, 200, "application/json", JSON.writeValueAsString(List.copyOf(this.concepts)));
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        this.server.stop(0);
    }
}
