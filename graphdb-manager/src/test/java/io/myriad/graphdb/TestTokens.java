package io.myriad.graphdb;

import java.time.Duration;
import java.util.List;

import io.myriad.testsupport.JwtKeys;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The keys a graphdb-manager under test trusts, made for the run: the users' identity provider (an operator's
 * tokens) and the services' key (the orchestrator's own tokens). Public for the web slices in the feature packages.
 */
public final class TestTokens {

    static final String ISSUER = "myriad-local";

    static final String SERVICE_ISSUER = "myriad-services";

    static final String AUDIENCE = "myriad-graph";

    static final String WRITE = "graph:write";

    static final JwtKeys USERS = JwtKeys.generate();

    static final JwtKeys SERVICES = JwtKeys.generate();

    private TestTokens() {
    }

    public static void register(DynamicPropertyRegistry properties) {
        properties.add("myriad.security.jwt.issuer", () -> ISSUER);
        properties.add("myriad.security.jwt.audience", () -> AUDIENCE);
        properties.add("myriad.security.jwt.public-key-location", USERS::publicKeyLocation);
        properties.add("myriad.security.jwt.service-issuer", () -> SERVICE_ISSUER);
        properties.add("myriad.security.jwt.service-public-key-location", SERVICES::publicKeyLocation);
    }

    /** An operator's token that may change the graph, as {@code ./myriad token admin --scope graph:write} makes. */
    public static String admin() {
        return USERS.token(ISSUER, List.of(AUDIENCE), "admin", WRITE, Duration.ofMinutes(10));
    }

    /** The orchestrator's own token, as its neurogenesis signs it. */
    public static String orchestrator() {
        return SERVICES.token(SERVICE_ISSUER, List.of(AUDIENCE), "orchestrator", WRITE, Duration.ofMinutes(5));
    }

    /** An operator's token for the graph that may only read: what a write must refuse with 403. */
    public static String reader() {
        return USERS.token(ISSUER, List.of(AUDIENCE), "reader", "graph:read", Duration.ofMinutes(10));
    }

    /** A token with the write scope, but for another audience (the queries API): not a token for the graph at all. */
    public static String forAnotherAudience() {
        return USERS.token(ISSUER, List.of("myriad-queries"), "admin", WRITE, Duration.ofMinutes(10));
    }
}
