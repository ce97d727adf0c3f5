package io.myriad.graphdb.security;

import io.myriad.observability.security.ResourceServerSecurity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Reads (discovery, concepts, stats) are open to the fleet's internal callers: the agents and the input-processor
 * read on every question, and the graph holds nothing private; only the network reaches them (loopback locally, a
 * NetworkPolicy in a deployment, see docs/security.md). Anything that changes the graph needs a token meant for
 * the graph ({@code aud} myriad-graph) with the {@code graph:write} scope: an operator's, or the orchestrator's own
 * (neurogenesis), signed with the services' key.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String WRITE_AUTHORITY = "SCOPE_graph:write";

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ResourceServerSecurity fleet) throws Exception {
        return fleet.apply(http)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET).permitAll()
                        .requestMatchers(HttpMethod.HEAD).permitAll()
                        .anyRequest().hasAuthority(WRITE_AUTHORITY))
                .build();
    }
}
