package io.myriad.observability.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for a telemetry backend (an OTLP collector, Zipkin, Loki): an HTTP server on a free loopback port
 * that answers every request with one status and keeps what it received, so a test can decode exactly what went
 * over the wire.
 */
public final class HttpReceiver implements AutoCloseable {

    private final HttpServer server;

    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private HttpReceiver(int status) throws IOException {
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.server.createContext("/", (exchange) -> receive(exchange, status));
        this.server.start();
    }

    /** Starts a receiver that answers every request with {@code status} and an empty body. */
    public static HttpReceiver answering(int status) throws IOException {
        return new HttpReceiver(status);
    }

    private void receive(HttpExchange exchange, int status) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            this.requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders(), body.readAllBytes()));
            exchange.sendResponseHeaders(status, -1);
        }
    }

    /** The base URL, e.g. {@code http://127.0.0.1:41234}, to which a path is appended. */
    public String url(String path) {
        return "http://" + this.server.getAddress().getHostString() + ":" + this.server.getAddress().getPort() + path;
    }

    /** Everything received so far, oldest first. */
    public List<Request> requests() {
        return List.copyOf(this.requests);
    }

    @Override
    public void close() {
        this.server.stop(0);
    }

    /** One request as it arrived. */
    public record Request(String method, String path, Headers headers, byte[] body) {

        public String header(String name) {
            return this.headers.getFirst(name);
        }

        /** The body as sent before any {@code Content-Encoding: gzip}. */
        public byte[] content() {
            if (!"gzip".equalsIgnoreCase(header("Content-Encoding"))) {
                return this.body;
            }
            try (InputStream gunzipped = new GZIPInputStream(new ByteArrayInputStream(this.body))) {
                return gunzipped.readAllBytes();
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }
}
