package io.myriad.observability.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JwtSecurityAutoConfigurationTest {

    private static final KeyPair USERS = rsa();

    private static final KeyPair SERVICES = rsa();

    private static final KeyPair STRANGER = rsa();

    @TempDir
    Path keys;

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JwtSecurityAutoConfiguration.class));

    @Test
    void staysOffUntilTheServiceNamesItsIssuer() {
        this.runner.run((context) -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(JwtDecoder.class)
                .doesNotHaveBean(ResourceServerSecurity.class));
    }

    @Test
    void acceptsTheIssuersTokensForThisAudienceOnly() throws Exception {
        this.runner.withPropertyValues(users("myriad-queries")).run((context) -> {
            JwtDecoder decoder = context.getBean(JwtDecoder.class);
            assertThat(context).hasSingleBean(ResourceServerSecurity.class);

            assertThat(decoder.decode(token(USERS, "myriad-local", List.of("myriad-queries", "myriad-reminders"),
                    "alice")).getSubject()).isEqualTo("alice");
            assertRefused(decoder, token(USERS, "myriad-local", List.of("myriad-reminders"), "alice"));
            assertRefused(decoder, token(STRANGER, "myriad-local", List.of("myriad-queries"), "alice"));
            assertRefused(decoder, token(USERS, "elsewhere", List.of("myriad-queries"), "alice"));
            assertRefused(decoder, "not.a.token");
        });
    }

    @Test
    void refusesATokenWithoutASubjectOrWithOneThatIsNotAPlainIdentifier() throws Exception {
        this.runner.withPropertyValues(users("myriad-queries")).run((context) -> {
            JwtDecoder decoder = context.getBean(JwtDecoder.class);
            List<String> audience = List.of("myriad-queries");

            assertThat(decoder.decode(token(USERS, "myriad-local", audience, "alice@example.com|7-f_2.x"))
                    .getSubject()).isEqualTo("alice@example.com|7-f_2.x");
            assertRefused(decoder, token(USERS, "myriad-local", audience, null));
            assertRefused(decoder, token(USERS, "myriad-local", audience, ""));
            assertRefused(decoder, token(USERS, "myriad-local", audience, "*"));
            assertRefused(decoder, token(USERS, "myriad-local", audience, "alice:reminders"));
            assertRefused(decoder, token(USERS, "myriad-local", audience, "a b"));
            assertRefused(decoder, token(USERS, "myriad-local", audience, "a".repeat(129)));
        });
    }

    @Test
    void acceptsTheServicesTokensSignedWithTheServicesKeyOnly() throws Exception {
        this.runner.withPropertyValues(users("myriad-graph"))
                .withPropertyValues("myriad.security.jwt.service-issuer=myriad-services",
                        "myriad.security.jwt.service-public-key-location=" + pem("services.pub.pem", SERVICES))
                .run((context) -> {
                    JwtDecoder decoder = context.getBean(JwtDecoder.class);

                    assertThat(decoder.decode(token(SERVICES, "myriad-services", List.of("myriad-graph"),
                            "orchestrator")).getSubject()).isEqualTo("orchestrator");
                    assertThat(decoder.decode(token(USERS, "myriad-local", List.of("myriad-graph"), "admin"))
                            .getSubject()).isEqualTo("admin");
                    // A user's key cannot make a service token, nor the services' key a user's.
                    assertRefused(decoder, token(USERS, "myriad-services", List.of("myriad-graph"), "orchestrator"));
                    assertRefused(decoder, token(SERVICES, "myriad-local", List.of("myriad-graph"), "admin"));
                });
    }

    @Test
    void refusesToStartWithoutAnAudience() throws Exception {
        this.runner.withPropertyValues("myriad.security.jwt.issuer=myriad-local",
                        "myriad.security.jwt.public-key-location=" + pem("users.pub.pem", USERS))
                .run((context) -> assertThat(context).hasFailed().getFailure()
                        .hasRootCauseMessage("myriad.security.jwt.audience is not set: a service that verifies tokens "
                                + "needs it (no default, see docs/security.md)"));
    }

    @Test
    void backsOffWithoutSpringSecuritysResourceServer() throws Exception {
        this.runner.withPropertyValues(users("myriad-queries"))
                .withClassLoader(new FilteredClassLoader(BearerTokenAuthenticationFilter.class))
                .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(JwtDecoder.class));
    }

    @Test
    void backsOffOutsideAServletApplication() throws Exception {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(JwtSecurityAutoConfiguration.class))
                .withPropertyValues(users("myriad-queries"))
                .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(JwtDecoder.class));
    }

    @Test
    void backsOffToTheServicesOwnDecoder() throws Exception {
        this.runner.withPropertyValues(users("myriad-queries")).withUserConfiguration(OwnDecoder.class)
                .run((context) -> assertThat(context.getBean(JwtDecoder.class))
                        .isSameAs(OwnDecoder.DECODER));
    }

    @Test
    void answersUnauthorizedAndForbiddenAsProblemDetails() {
        assertThat(ProblemResponses.UNAUTHORIZED).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Unauthorized\","
                + "\"status\":401,\"detail\":\"A valid bearer token is required: Authorization: Bearer <JWT>\"}");
        assertThat(ProblemResponses.FORBIDDEN).contains("\"status\":403");
    }

    private String[] users(String audience) throws Exception {
        return new String[] { "myriad.security.jwt.issuer=myriad-local",
                "myriad.security.jwt.audience=" + audience,
                "myriad.security.jwt.public-key-location=" + pem("users.pub.pem", USERS) };
    }

    private String pem(String name, KeyPair pair) throws Exception {
        Path file = this.keys.resolve(name);
        Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        return file.toUri().toString();
    }

    private static void assertRefused(JwtDecoder decoder, String token) {
        assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.decode(token));
    }

    private static String token(KeyPair pair, String issuer, List<String> audience, String subject) {
        NimbusJwtEncoder encoder = NimbusJwtEncoder
                .withKeyPair((RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate()).build();
        Instant now = Instant.now();
        JwtClaimsSet.Builder builder = JwtClaimsSet.builder().issuer(issuer).audience(audience)
                .issuedAt(now).expiresAt(now.plus(Duration.ofMinutes(5)));
        JwtClaimsSet claims = ((subject != null) ? builder.subject(subject) : builder).build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
                .getTokenValue();
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnDecoder {

        static final JwtDecoder DECODER = (token) -> {
            throw new IllegalStateException("not used");
        };

        @Bean
        JwtDecoder ownDecoder() {
            return DECODER;
        }
    }
}
