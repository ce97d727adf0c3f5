package io.myriad.orchestrator.security;

import io.myriad.observability.security.ResourceServerSecurity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every query is asked, and read back, by the user a bearer JWT names ({@code sub}); the token must be meant for
 * the query API ({@code aud} contains {@code myriad.security.jwt.audience}, {@code myriad-queries} locally). Probes
 * and scrapes stay open on the management port (the starter's {@link ResourceServerSecurity}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ResourceServerSecurity fleet) throws Exception {
        return fleet.apply(http).authorizeHttpRequests(requests -> requests.anyRequest().authenticated()).build();
    }
}
