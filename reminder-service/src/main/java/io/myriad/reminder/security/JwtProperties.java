package io.myriad.reminder.security;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Which tokens the service accepts. Neither has a default: a deployment names its issuer and its key (the local
 * fleet generates a key pair at start, see {@code ./myriad token}).
 *
 * @param publicKeyLocation the issuer's RSA public key, PEM (X.509 SubjectPublicKeyInfo), e.g. {@code file:/keys/jwt.pub.pem}
 * @param issuer the {@code iss} every token must carry
 */
@Validated
@ConfigurationProperties("myriad.security.jwt")
public record JwtProperties(@NotBlank String publicKeyLocation, @NotBlank String issuer) {
}
