package io.myriad.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Signs the RS256 JWTs the fleet's services accept, as an identity provider would: with a key pair made here (an
 * integration test) or with the local fleet's private keys ({@code .myriad/keys/jwt.key.pem} for users,
 * {@code service.key.pem} for the services, a fleet test). Plain JDK crypto, so what is tested is the service's
 * validation, not a second JWT library's.
 */
public final class JwtKeys {

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey privateKey;

    private final PublicKey publicKey;

    private String publicKeyLocation;

    private String privateKeyLocation;

    private JwtKeys(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** A new 2048-bit RSA key pair. */
    public static JwtKeys generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new JwtKeys(pair.getPrivate(), pair.getPublic());
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Signs with an existing PKCS#8 PEM private key ({@code -----BEGIN PRIVATE KEY-----}); no public key. */
    public static JwtKeys signingWith(Path privateKeyPem) throws IOException {
        String pem = Files.readString(privateKeyPem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            PrivateKey key = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
            return new JwtKeys(key, null);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Not a PKCS#8 RSA private key: " + privateKeyPem, ex);
        }
    }

    /** Writes the public key as PEM (X.509 SubjectPublicKeyInfo) and returns a {@code file:} location for Spring. */
    public String writePublicKey(Path file) throws IOException {
        Files.writeString(file, pem("PUBLIC KEY", this.publicKey.getEncoded()));
        return file.toUri().toString();
    }

    /**
     * The public key in a temporary PEM file (written once, deleted when the JVM exits), as a {@code file:} location
     * for a service under test that verifies these keys' tokens.
     */
    public synchronized String publicKeyLocation() {
        if (this.publicKeyLocation == null) {
            this.publicKeyLocation = writeTemporary("public", this::writePublicKey);
        }
        return this.publicKeyLocation;
    }

    /** The private key in a temporary PEM file, likewise, for a service under test that signs its own tokens. */
    public synchronized String privateKeyLocation() {
        if (this.privateKeyLocation == null) {
            this.privateKeyLocation = writeTemporary("private", this::writePrivateKey);
        }
        return this.privateKeyLocation;
    }

    private interface KeyWriter {

        String write(Path file) throws IOException;
    }

    private static String writeTemporary(String kind, KeyWriter writer) {
        try {
            Path file = Files.createTempFile("myriad-" + kind + "-key-", ".pem");
            file.toFile().deleteOnExit();
            return writer.write(file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Writes the private key as PKCS#8 PEM, for a service under test that signs its own tokens, and returns a
     * {@code file:} location for Spring.
     */
    public String writePrivateKey(Path file) throws IOException {
        Files.writeString(file, pem("PRIVATE KEY", this.privateKey.getEncoded()));
        return file.toUri().toString();
    }

    /**
     * A token for {@code subject} from {@code issuer}, meant for every one of {@code audiences}, with the space
     * separated {@code scope} unless it is {@code null}, valid for {@code ttl} from now.
     */
    public String token(String issuer, List<String> audiences, String subject, String scope, Duration ttl) {
        Instant now = Instant.now();
        String aud = audiences.stream().map(audience -> "\"" + audience + "\"").collect(Collectors.joining(","));
        return sign("{\"iss\":\"" + issuer + "\",\"aud\":[" + aud + "],\"sub\":\"" + subject + "\""
                + ((scope != null) ? ",\"scope\":\"" + scope + "\"" : "") + ",\"iat\":" + now.getEpochSecond()
                + ",\"exp\":" + now.plus(ttl).getEpochSecond() + "}");
    }

    /** A token for {@code subject} from {@code issuer}, meant for {@code audience}, valid for {@code ttl} from now. */
    public String token(String issuer, String audience, String subject, Duration ttl) {
        Instant now = Instant.now();
        return sign("{\"iss\":\"" + issuer + "\",\"aud\":\"" + audience + "\",\"sub\":\"" + subject
                + "\",\"iat\":" + now.getEpochSecond() + ",\"exp\":" + now.plus(ttl).getEpochSecond() + "}");
    }

    /** Signs any claims, for tokens that must be refused (expired, another issuer). */
    public String sign(String claimsJson) {
        String header = encode("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String body = header + "." + encode(claimsJson);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(this.privateKey);
            signature.update(body.getBytes(StandardCharsets.US_ASCII));
            return body + "." + URL.encodeToString(signature.sign());
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String encode(String json) {
        return URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
