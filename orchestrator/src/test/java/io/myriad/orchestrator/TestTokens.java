package io.myriad.orchestrator;

import java.time.Duration;
import java.util.List;

import io.myriad.testsupport.JwtKeys;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The keys an orchestrator under test works with, made for the run: the users' identity provider (whose tokens the
 * API accepts) and the services' key (which it signs its graphdb-manager writes with).
 */
final class TestTokens {

    static final String ISSUER = "myriad-local";

    static final String AUDIENCE = "myriad-queries";

    static final JwtKeys USERS = JwtKeys.generate();

    static final JwtKeys SERVICES = JwtKeys.generate();

    private TestTokens() {
    }

    static void register(DynamicPropertyRegistry properties) {
        properties.add("myriad.security.jwt.issuer", () -> ISSUER);
        properties.add("myriad.security.jwt.audience", () -> AUDIENCE);
        properties.add("myriad.security.jwt.public-key-location", USERS::publicKeyLocation);
        properties.add("myriad.graphdb.token.private-key-location", SERVICES::privateKeyLocation);
    }

    /** A user's token as {@code ./myriad token} makes it: for the query API and the reminders. */
    static String forUser(String user) {
        return USERS.token(ISSUER, List.of(AUDIENCE, "myriad-reminders"), user, null, Duration.ofMinutes(10));
    }
}
