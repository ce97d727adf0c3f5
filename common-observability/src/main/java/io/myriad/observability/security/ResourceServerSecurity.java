package io.myriad.observability.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * The fleet's OAuth2 resource-server setup, applied to a service's {@code HttpSecurity}: bearer JWTs verified by
 * the fleet's {@link JwtDecoder}, 401/403 as problem details, no session, no CSRF (no cookies), no login page; the
 * management port (probes, scrapes) and {@code /error} open. The service then adds who may call what:
 *
 * <pre>{@code
 * @Bean
 * SecurityFilterChain api(HttpSecurity http, ResourceServerSecurity fleet) throws Exception {
 *     return fleet.apply(http).authorizeHttpRequests(requests -> requests.anyRequest().authenticated()).build();
 * }
 * }</pre>
 */
public class ResourceServerSecurity {

    private final JwtDecoder decoder;

    private final AuthenticationEntryPoint entryPoint = ProblemResponses.entryPoint();

    private final AccessDeniedHandler accessDenied = ProblemResponses.accessDeniedHandler();

    public ResourceServerSecurity(JwtDecoder decoder) {
        this.decoder = decoder;
    }

    /** The fleet's setup with tokens from the {@code Authorization} header only. */
    public HttpSecurity apply(HttpSecurity http) throws Exception {
        return apply(http, new DefaultBearerTokenResolver());
    }

    /** The fleet's setup with the service's own way of finding the token (e.g. a WebSocket's query parameter). */
    public HttpSecurity apply(HttpSecurity http, BearerTokenResolver tokens) throws Exception {
        return http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(managementPort()).permitAll()
                        .requestMatchers("/error").permitAll())
                .oauth2ResourceServer(server -> server
                        .bearerTokenResolver(tokens)
                        .authenticationEntryPoint(this.entryPoint)
                        .accessDeniedHandler(this.accessDenied)
                        .jwt(jwt -> jwt.decoder(this.decoder)))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(this.entryPoint)
                        .accessDeniedHandler(this.accessDenied))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable);
    }

    /**
     * Anything on the management port: it serves only health, info and Prometheus, is not published outside the
     * cluster, and a hidden endpoint there must answer 404, not 401.
     */
    public static RequestMatcher managementPort() {
        return (HttpServletRequest request) -> {
            WebApplicationContext context = WebApplicationContextUtils
                    .getWebApplicationContext(request.getServletContext());
            return context != null && WebServerApplicationContext.hasServerNamespace(context, "management");
        };
    }
}
