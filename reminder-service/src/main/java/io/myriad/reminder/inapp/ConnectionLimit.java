package io.myriad.reminder.inapp;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Map;

import io.myriad.observability.web.ProblemJson;
import io.myriad.reminder.ReminderProperties;
import io.myriad.reminder.web.Limit;
import io.myriad.reminder.web.LimitRefusals;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Refuses a user's handshake beyond {@code max-connections-per-user} open connections on this instance, before the
 * upgrade: 429 with a problem body and a {@code Retry-After}, which a plain HTTP response can carry and a client's
 * WebSocket library reports as a failed handshake. Two handshakes racing for the last place may both pass here;
 * {@link Sessions#opened} then takes one and the handler closes the other at once (1008, policy violation).
 */
@Component
class ConnectionLimit implements HandshakeInterceptor {

    /** A connection frees its place when the user closes it; a client polling faster than this gains nothing. */
    static final String RETRY_AFTER_SECONDS = "10";

    private final Sessions sessions;

    private final LimitRefusals refusals;

    private final byte[] problem;

    ConnectionLimit(Sessions sessions, LimitRefusals refusals, ReminderProperties properties) {
        this.sessions = sessions;
        this.refusals = refusals;
        int status = HttpStatus.TOO_MANY_REQUESTS.value();
        this.problem = ("{\"type\":\"" + ProblemJson.type(status) + "\",\"title\":\"" + ProblemJson.title(status)
                + "\",\"status\":" + status + ",\"detail\":\"A user may have at most "
                + properties.maxConnectionsPerUser() + " WebSocket connections open on one instance; close one first\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Map<String, Object> attributes) throws Exception {
        Principal user = request.getPrincipal();
        if (user == null || this.sessions.hasRoom(user.getName())) {
            return true; // without a user the security chain has refused it already
        }
        this.refusals.refused(Limit.CONNECTIONS);
        response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
        response.getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().setContentLength(this.problem.length);
        response.getBody().write(this.problem);
        response.flush();
        return false;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Exception exception) {
    }
}
