package io.myriad.reminder.security;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Which tokens the service accepts. None has a default: a deployment names its issuer, its key and the audience its
 * issuer puts in tokens meant for this service (the local fleet generates a key pair at start, see
 * {@code ./myriad token}).
 *
 * @param publicKeyLocation the issuer's RSA public key, PEM (X.509 SubjectPublicKeyInfo), e.g. {@code file:/keys/jwt.pub.pem}
 * @param issuer the {@code iss} every token must carry
 * @param audience a value every token's {@code aud} must contain, so that a token the same issuer made for another
 * service is no key here
 */
@Validated
@ConfigurationProperties("myriad.security.jwt")
public record JwtProperties(@NotBlank String publicKeyLocation, @NotBlank String issuer, @NotBlank String audience) {
}
