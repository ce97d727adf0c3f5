package io.myriad.fleet;

import java.time.Duration;
import java.time.Instant;

import io.myriad.testsupport.JwtKeys;

/**
 * The tokens a fleet test presents, signed as {@code ./myriad token} signs them: with the key {@code ./myriad up}
 * made, for the audiences the services require.
 */
final class FleetTokens {

    static final String ISSUER = "myriad-local";

    /** Every audience a user's token names: the orchestrator's and the reminder-service's. */
    static final String AUDIENCES = "[\"myriad-queries\",\"myriad-reminders\"]";

    private final JwtKeys keys;

    private final JwtKeys another = JwtKeys.generate();

    FleetTokens(JwtKeys keys) {
        this.keys = keys;
    }

    /** A user's token, valid for ten minutes. */
    String user(String subject) {
        return this.keys.sign(claims(subject, Instant.now().plus(Duration.ofMinutes(10))));
    }

    /** The claims of a user's token that expires at {@code expires}. */
    String claims(String subject, Instant expires) {
        return "{\"iss\":\"" + ISSUER + "\",\"aud\":" + AUDIENCES + ",\"sub\":\"" + subject + "\",\"iat\":"
                + Instant.now().getEpochSecond() + ",\"exp\":" + expires.getEpochSecond() + "}";
    }

    /** A user's token in every respect but the key that signed it. */
    String signedByAnotherKey(String subject) {
        return this.another.sign(claims(subject, Instant.now().plus(Duration.ofMinutes(10))));
    }

    /** A token that may write to the graph, as an operator's. */
    String admin() {
        return this.keys.sign("{\"iss\":\"" + ISSUER + "\",\"aud\":[\"myriad-graph\"],\"sub\":\"operator\","
                + "\"scope\":\"graph:write\",\"iat\":" + Instant.now().getEpochSecond() + ",\"exp\":"
                + Instant.now().plus(Duration.ofMinutes(10)).getEpochSecond() + "}");
    }
}
