package io.myriad.orchestrator.graphdb;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the graphdb-manager answers, how long a query may wait for it, and the token its writes carry.
 *
 * @param url the graphdb-manager's base URL
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer
 * @param token the orchestrator's own token for the graphdb-manager's writes (neurogenesis)
 */
@ConfigurationProperties("myriad.graphdb")
public record GraphDbProperties(@DefaultValue("http://localhost:5008") URI url,
        @DefaultValue("500ms") Duration connectTimeout, @DefaultValue("1s") Duration readTimeout,
        @DefaultValue Token token) {

    /**
     * The token the orchestrator signs for itself (client-credentials style, no identity provider in between):
     * {@code sub} orchestrator, {@code scope} graph:write.
     *
     * @param privateKeyLocation the services' RSA private key, PKCS#8 PEM, e.g. {@code file:/keys/service.key.pem};
     * no default, the environment names it ({@code MYRIAD_GRAPHDB_TOKEN_PRIVATE_KEY_LOCATION})
     * @param issuer the {@code iss}, which the graphdb-manager trusts as its service issuer
     * @param audience the {@code aud}, the graphdb-manager's
     * @param ttl how long a token is valid; a new one is signed when half of it has passed
     */
    public record Token(String privateKeyLocation, @DefaultValue("myriad-services") String issuer,
            @DefaultValue("myriad-graph") String audience, @DefaultValue("5m") Duration ttl) {
    }
}
