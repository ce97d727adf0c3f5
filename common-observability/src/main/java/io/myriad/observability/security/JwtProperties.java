package io.myriad.observability.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which bearer tokens a service accepts. None has a default: a deployment names its identity provider's issuer and
 * key, and the audience that provider puts in tokens meant for this service ({@code ./myriad up} makes the local
 * fleet's keys). Setting {@code issuer} switches the fleet's resource-server setup on.
 *
 * @param issuer the {@code iss} of the users' identity provider
 * @param publicKeyLocation that provider's RSA public key, PEM (X.509 SubjectPublicKeyInfo), e.g.
 * {@code file:/keys/jwt.pub.pem}
 * @param audience a value every token's {@code aud} must contain, so that a token the same issuer made for another
 * service is no key here
 * @param serviceIssuer the {@code iss} of the tokens the fleet's own services sign for each other; only a service
 * that other services call sets it
 * @param servicePublicKeyLocation the public key the services' tokens are verified with, PEM like
 * {@code public-key-location}
 */
@ConfigurationProperties("myriad.security.jwt")
public record JwtProperties(String issuer, String publicKeyLocation, String audience, String serviceIssuer,
        String servicePublicKeyLocation) {
}
