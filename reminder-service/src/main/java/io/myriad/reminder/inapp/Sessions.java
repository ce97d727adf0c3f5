package io.myriad.reminder.inapp;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import io.myriad.reminder.ReminderProperties;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * The WebSocket connections open on this instance, by user. When the instance stops they are closed first (1001,
 * going away), so that clients reconnect to another instance and the web server's graceful shutdown is not held
 * up by connections that never end.
 */
@Component
class Sessions implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Sessions.class);

    private static final int SEND_TIME_LIMIT_MS = 5_000;

    private static final int BUFFER_SIZE_LIMIT = 256 * 1024;

    private final Map<String, Set<WebSocketSession>> byUser = new ConcurrentHashMap<>();

    private final AtomicInteger open = new AtomicInteger();

    private volatile boolean running;

    private final Counter sent;

    private final Counter received;

    private final Relay relay;

    private final int maxPerUser;

    Sessions(MeterRegistry registry, Relay relay, ReminderProperties properties) {
        this.relay = relay;
        this.maxPerUser = properties.maxConnectionsPerUser();
        Gauge.builder("websocket.connections.active", this.open, AtomicInteger::get)
                .description("WebSocket connections open on this instance").register(registry);
        this.sent = Counter.builder("websocket.messages.sent").description("Messages pushed to WebSocket clients")
                .register(registry);
        this.received = Counter.builder("websocket.messages.received")
                .description("Messages WebSocket clients sent").register(registry);
    }

    @Override
    public void start() {
        this.running = true;
    }

    @Override
    public void stop() {
        this.running = false;
        this.byUser.forEach((user, sessions) -> sessions.forEach(session -> {
            try {
                session.close(CloseStatus.GOING_AWAY);
            }
            catch (IOException | RuntimeException ex) {
                log.debug("WebSocket {} did not close cleanly: {}", session.getId(), ex.toString());
            }
        }));
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    /** Before the web server's graceful shutdown (phase {@code DEFAULT_PHASE - 1024}) waits for open requests. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    /** Whether the user may open one more connection here; the handshake asks before it upgrades. */
    boolean hasRoom(String userId) {
        return this.byUser.getOrDefault(userId, Set.of()).size() < this.maxPerUser;
    }

    /**
     * Takes the connection in, unless the user already has {@code max-connections-per-user} open here: two
     * handshakes that both found room a moment ago cannot both be taken, as the count and the add are one step.
     * @return whether it was taken; the caller closes one that was not
     */
    boolean opened(String userId, WebSocketSession session) {
        // Added inside compute: a close of the user's last connection at the same moment cannot drop the set
        // this one joins.
        boolean[] taken = new boolean[1];
        this.byUser.compute(userId, (user, sessions) -> {
            Set<WebSocketSession> open = (sessions != null) ? sessions : ConcurrentHashMap.newKeySet();
            if (open.size() < this.maxPerUser) {
                open.add(new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS, BUFFER_SIZE_LIMIT));
                taken[0] = true;
            }
            return open.isEmpty() ? null : open;
        });
        if (!taken[0]) {
            return false;
        }
        this.open.incrementAndGet();
        this.relay.opened(userId);
        return true;
    }

    void closed(String userId, WebSocketSession session) {
        Set<WebSocketSession> left = this.byUser.computeIfPresent(userId, (user, sessions) -> {
            if (sessions.removeIf(open -> open.getId().equals(session.getId()))) {
                this.open.decrementAndGet();
            }
            return sessions.isEmpty() ? null : sessions;
        });
        try {
            this.relay.closed(userId, (left != null) ? left.size() : 0);
        }
        catch (RuntimeException ex) {
            log.info("Could not record that user {} closed a connection: {}", userId, ex.toString());
        }
    }

    void received() {
        this.received.increment();
    }

    /** Answers one connection, through the same serialising decorator that reminders go out by. */
    void reply(String userId, WebSocketSession session, String text) throws IOException {
        for (WebSocketSession open : this.byUser.getOrDefault(userId, Set.of())) {
            if (open.getId().equals(session.getId())) {
                open.sendMessage(new TextMessage(text));
                this.sent.increment();
                return;
            }
        }
    }

    /** Sends {@code text} to each of the user's open connections; how many took it. */
    int send(String userId, String text) {
        Set<WebSocketSession> sessions = this.byUser.getOrDefault(userId, Set.of());
        int delivered = 0;
        for (WebSocketSession session : sessions) {
            if (!session.isOpen()) {
                continue;
            }
            try {
                session.sendMessage(new TextMessage(text));
                this.sent.increment();
                delivered++;
            }
            catch (IOException | RuntimeException ex) {
                log.info("WebSocket {} of user {} did not take a message: {}", session.getId(), userId, ex.toString());
            }
        }
        return delivered;
    }
}
