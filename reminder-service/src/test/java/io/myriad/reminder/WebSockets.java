package io.myriad.reminder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** A client of {@code /ws/reminders} as an app would open it, collecting what the service pushes. */
final class WebSockets {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private WebSockets() {
    }

    /** Connects with the token in the {@code Authorization} header, or with none when {@code null}. */
    static Client connect(int port, String token) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder();
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return open(builder, "ws://127.0.0.1:" + port + "/ws/reminders");
    }

    /** Connects as a browser must, with the token as the {@code access_token} query parameter. */
    static Client connectWithQueryToken(int port, String token) {
        return open(HTTP.newWebSocketBuilder(), "ws://127.0.0.1:" + port + "/ws/reminders?access_token=" + token);
    }

    /** The refused handshake's response, or empty when the connection opened (and is closed again at once). */
    static java.util.Optional<java.net.http.HttpResponse<?>> refusal(int port, String token) {
        try {
            HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/reminders"), new WebSocket.Listener() {
                    }).join().sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
            return java.util.Optional.empty();
        }
        catch (CompletionException ex) {
            if (ex.getCause() instanceof WebSocketHandshakeException refused) {
                return java.util.Optional.of(refused.getResponse());
            }
            throw ex;
        }
    }

    private static Client open(WebSocket.Builder builder, String uri) {
        LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
        AtomicReference<String> closedBy = new AtomicReference<>();
        try {
            WebSocket socket = builder.buildAsync(URI.create(uri), new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    messages.add(data.toString());
                    webSocket.request(1);
                    return null;
                }

                @Override
                public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                    closedBy.set("the service closed it: " + statusCode + " " + reason);
                    return null;
                }

                @Override
                public void onError(WebSocket webSocket, Throwable error) {
                    closedBy.set("it failed: " + error);
                }
            }).join();
            return new Client(socket, messages, closedBy);
        }
        catch (CompletionException ex) {
            if (ex.getCause() instanceof WebSocketHandshakeException refused) {
                throw new IllegalStateException("handshake refused: " + refused.getResponse().statusCode(), ex);
            }
            throw ex;
        }
    }

    /** An open connection and what arrived on it. */
    record Client(WebSocket socket, LinkedBlockingQueue<String> messages, AtomicReference<String> closedBy) {

        /** The next message, or {@code null} when none came within {@code wait}. */
        String next(Duration wait) throws InterruptedException {
            return this.messages.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        }

        /**
         * Closes it, unless it is closed already: a clean-up, which says (on stderr) how a connection the service or
         * the network ended first ended, rather than failing the test that was done with it.
         */
        void close() {
            if (this.socket.isOutputClosed()) {
                System.err.println("WebSocket was closed before the test closed it: " + this.closedBy.get());
                return;
            }
            try {
                this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
            }
            catch (CompletionException ex) {
                System.err.println("WebSocket was closed before the test closed it: " + this.closedBy.get() + " (" + ex
                        + ")");
            }
        }
    }
}
