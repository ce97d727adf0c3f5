package io.myriad.contracts.graph.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.core.io.ResourceLoader;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.util.StringUtils;

/**
 * A service's own bearer token for the graphdb-manager's writes, signed with the services' private key: short-lived,
 * and signed again once half its life has passed, so a request never carries one about to expire.
 */
public final class ServiceToken {

    private final JwtEncoder encoder;

    private final GraphdbClientProperties.Token settings;

    private final Clock clock;

    private String value;

    private Instant renewAt = Instant.MIN;

    public ServiceToken(GraphdbClientProperties.Token settings, ResourceLoader resources, Clock clock) {
        if (!StringUtils.hasText(settings.subject())) {
            throw new IllegalStateException("myriad.graphdb.token.subject is not set: a token names its service");
        }
        if (!StringUtils.hasText(settings.privateKeyLocation())) {
            throw new IllegalStateException("myriad.graphdb.token.private-key-location is not set: "
                    + settings.subject() + " signs its graphdb-manager writes with the services' key (no default, "
                    + "see docs/security.md)");
        }
        this.encoder = encoder(resources, settings.privateKeyLocation());
        this.settings = settings;
        this.clock = clock;
    }

    /** The current token, signed anew once half of the last one's life has passed. */
    public synchronized String value() {
        Instant now = this.clock.instant();
        if (!now.isBefore(this.renewAt)) {
            JwtClaimsSet claims = JwtClaimsSet.builder()
                    .issuer(this.settings.issuer())
                    .audience(List.of(this.settings.audience()))
                    .subject(this.settings.subject())
                    .claim("scope", this.settings.scope())
                    .issuedAt(now)
                    .expiresAt(now.plus(this.settings.ttl()))
                    .build();
            this.value = this.encoder.encode(JwtEncoderParameters
                    .from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims)).getTokenValue();
            this.renewAt = now.plus(this.settings.ttl().dividedBy(2));
        }
        return this.value;
    }

    private static JwtEncoder encoder(ResourceLoader resources, String location) {
        RSAPrivateKey privateKey;
        try (InputStream pem = resources.getResource(location).getInputStream()) {
            privateKey = RsaKeyConverters.pkcs8().convert(pem);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the services' signing key " + location, ex);
        }
        if (!(privateKey instanceof RSAPrivateCrtKey crt)) {
            throw new IllegalStateException("The services' signing key " + location + " has no public exponent");
        }
        try {
            // Nimbus signs with a key pair; a PKCS#8 RSA key carries its public half's modulus and exponent.
            RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            return NimbusJwtEncoder.withKeyPair(publicKey, privateKey).build();
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Cannot use the services' signing key " + location, ex);
        }
    }
}
