package io.myriad.reminder.security;

import jakarta.servlet.http.HttpServletRequest;

import io.myriad.observability.security.ResourceServerSecurity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every API call acts for the user a JWT names ({@code sub}), verified by the starter's resource server (audience
 * {@code myriad.security.jwt.audience}, {@code myriad-reminders} locally); the actuator (probes, scrapes) is open on
 * its own port. Browsers cannot set headers on a WebSocket handshake, so there, and only there, the token may come
 * as the {@code access_token} query parameter.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String WEBSOCKET_PATH = "/ws/reminders";

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ResourceServerSecurity fleet) throws Exception {
        return fleet.apply(http, bearerTokenResolver())
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .build();
    }

    private static BearerTokenResolver bearerTokenResolver() {
        DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();
        DefaultBearerTokenResolver headerOrQuery = new DefaultBearerTokenResolver();
        headerOrQuery.setAllowUriQueryParameter(true);
        return (HttpServletRequest request) -> WEBSOCKET_PATH.equals(request.getRequestURI())
                ? headerOrQuery.resolve(request)
                : header.resolve(request);
    }
}
