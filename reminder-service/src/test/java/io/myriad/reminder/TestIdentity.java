package io.myriad.reminder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.myriad.testsupport.JwtKeys;

import org.springframework.test.context.DynamicPropertyRegistry;

/** The identity provider of this test JVM: one key pair, its public half handed to every service under test. */
public final class TestIdentity {

    public static final String ISSUER = "https://id.myriad.test";

    public static final String AUDIENCE = "myriad-reminders";

    public static final JwtKeys KEYS = JwtKeys.generate();

    private static final String PUBLIC_KEY_LOCATION;

    static {
        try {
            Path file = Files.createTempFile("myriad-jwt-", ".pub.pem");
            file.toFile().deleteOnExit();
            PUBLIC_KEY_LOCATION = KEYS.writePublicKey(file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private TestIdentity() {
    }

    public static String publicKeyLocation() {
        return PUBLIC_KEY_LOCATION;
    }

    /** For {@code @DynamicPropertySource}: the service trusts this JVM's identity provider. */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("myriad.security.jwt.public-key-location", TestIdentity::publicKeyLocation);
        registry.add("myriad.security.jwt.issuer", () -> ISSUER);
        registry.add("myriad.security.jwt.audience", () -> AUDIENCE);
    }

    /** A valid token for {@code user}. */
    public static String token(String user) {
        return KEYS.token(ISSUER, AUDIENCE, user, Duration.ofMinutes(10));
    }
}
