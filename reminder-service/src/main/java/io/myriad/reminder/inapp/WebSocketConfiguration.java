package io.myriad.reminder.inapp;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/** Serves {@code /ws/reminders}; the handshake is authenticated like any API call (see the security configuration). */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

    private final ReminderSocketHandler handler;

    private final ConnectionLimit limit;

    WebSocketConfiguration(ReminderSocketHandler handler, ConnectionLimit limit) {
        this.handler = handler;
        this.limit = limit;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(this.handler, "/ws/reminders").addInterceptors(this.limit);
    }
}
