package io.myriad.reminder.inapp;

import io.myriad.reminder.security.CurrentUser;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * {@code /ws/reminders}: a signed-in user's connection, to which their in-app reminders are pushed as JSON
 * ({@code {"type":"reminder","deliveryId":…,"message":…,"dueAt":…,"late":…}}). What a client sends is counted and
 * otherwise ignored; {@code ping} is answered with {@code pong}.
 */
@Component
class ReminderSocketHandler extends TextWebSocketHandler {

    private final Sessions sessions;

    ReminderSocketHandler(Sessions sessions) {
        this.sessions = sessions;
    }

    /** {@link ConnectionLimit} refused the user's handshakes over the limit; one that raced past it is closed. */
    static final CloseStatus TOO_MANY_CONNECTIONS = CloseStatus.POLICY_VIOLATION
            .withReason("Too many connections for this user");

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws Exception {
        if (!this.sessions.opened(CurrentUser.of(session.getPrincipal()), session)) {
            session.close(TOO_MANY_CONNECTIONS);
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
        this.sessions.received();
        if ("ping".equals(message.getPayload())) {
            this.sessions.reply(CurrentUser.of(session.getPrincipal()), session, "pong");
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        this.sessions.closed(CurrentUser.of(session.getPrincipal()), session);
    }
}
