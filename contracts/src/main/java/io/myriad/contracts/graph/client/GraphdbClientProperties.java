package io.myriad.contracts.graph.client;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service reaches the graphdb-manager. The graphdb-manager's own settings share the {@code myriad.graphdb}
 * prefix but no key, and a service never binds both.
 *
 * @param url the graphdb-manager's base URL
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for the answer to a read
 * @param writeTimeout how long to wait for the answer to a write (neurogenesis creating an agent): a write commits to
 * Neo4j and publishes an event, so it takes longer than a read, and one given up on still happens
 * @param token the service's own token for the graphdb-manager's writes; only services that write name a subject
 */
@ConfigurationProperties("myriad.graphdb")
public record GraphdbClientProperties(@DefaultValue("http://localhost:5008") URI url,
        @DefaultValue("500ms") Duration connectTimeout, @DefaultValue("2s") Duration readTimeout,
        @DefaultValue("3s") Duration writeTimeout, @DefaultValue Token token) {

    /** Settings for a client that only reads, hence signs nothing (tests and tools that build a client by hand). */
    public static GraphdbClientProperties readOnly(URI url, Duration connectTimeout, Duration readTimeout) {
        return new GraphdbClientProperties(url, connectTimeout, readTimeout, readTimeout,
                new Token(null, null, null, null, null, null));
    }

    /**
     * The token a service signs for itself (client-credentials style, no identity provider in between).
     *
     * @param subject the {@code sub}, the service's name; unset (the default), the service's requests carry no token
     * @param scope the {@code scope}
     * @param privateKeyLocation the services' RSA private key, PKCS#8 PEM, e.g. {@code file:/keys/service.key.pem};
     * no default, the environment names it ({@code MYRIAD_GRAPHDB_TOKEN_PRIVATE_KEY_LOCATION}); required with a
     * subject
     * @param issuer the {@code iss}, which the graphdb-manager trusts as its service issuer
     * @param audience the {@code aud}, the graphdb-manager's
     * @param ttl how long a token is valid; a new one is signed when half of it has passed
     */
    public record Token(String subject, @DefaultValue("graph:write") String scope, String privateKeyLocation,
            @DefaultValue("myriad-services") String issuer, @DefaultValue("myriad-graph") String audience,
            @DefaultValue("5m") Duration ttl) {
    }
}
