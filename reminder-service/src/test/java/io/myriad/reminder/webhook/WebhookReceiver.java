package io.myriad.reminder.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Receives webhooks in tests: an HTTP server on a free loopback port whose endpoints answer the statuses they are
 * given, in turn, and record every request.
 */
public final class WebhookReceiver implements AutoCloseable {

    private final HttpServer server;

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    public static WebhookReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return new WebhookReceiver(server);
    }

    /** An endpoint answering {@code statuses} in turn, the last one from then on; a 3xx points to {@code /moved}. */
    public Endpoint endpoint(String path, int... statuses) {
        return endpoint(path, Duration.ZERO, statuses);
    }

    /** As {@link #endpoint(String, int...)}, each answer coming after {@code delay}. */
    Endpoint endpoint(String path, Duration delay, int... statuses) {
        return endpoint(path, delay, () -> { }, statuses);
    }

    /**
     * As {@link #endpoint(String, int...)}, running {@code beforeAnswering} once a request is recorded and before it
     * is answered: what happens to the sender between its request and the answer (its store failing, say).
     */
    public Endpoint endpoint(String path, Runnable beforeAnswering, int... statuses) {
        return endpoint(path, Duration.ZERO, beforeAnswering, statuses);
    }

    private Endpoint endpoint(String path, Duration delay, Runnable beforeAnswering, int... statuses) {
        Endpoint endpoint = new Endpoint(url(path), delay, beforeAnswering, statuses);
        this.server.createContext(path, endpoint::handle);
        return endpoint;
    }

    String url(String path) {
        return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        this.server.stop(0);
    }

    /** One path of the receiver and what it was sent. */
    public static final class Endpoint {

        private final String url;

        private final Duration delay;

        private final Runnable beforeAnswering;

        private final int[] statuses;

        private final List<Request> requests = new CopyOnWriteArrayList<>();

        private Endpoint(String url, Duration delay, Runnable beforeAnswering, int[] statuses) {
            this.url = url;
            this.delay = delay;
            this.beforeAnswering = beforeAnswering;
            this.statuses = statuses;
        }

        public String url() {
            return this.url;
        }

        public List<Request> requests() {
            return List.copyOf(this.requests);
        }

        private synchronized void handle(HttpExchange exchange) throws IOException {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readAllBytes();
                int status = this.statuses[Math.min(this.requests.size(), this.statuses.length - 1)];
                this.requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestHeaders(), body,
                        status));
                this.beforeAnswering.run();
                Thread.sleep(this.delay);
                if (status / 100 == 3) {
                    exchange.getResponseHeaders().add("Location", "/moved");
                }
                exchange.sendResponseHeaders(status, -1);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A request as received, with the status it was answered. */
    public record Request(String method, Headers headers, byte[] body, int status) {

        public String header(String name) {
            return this.headers.getFirst(name);
        }
    }
}
