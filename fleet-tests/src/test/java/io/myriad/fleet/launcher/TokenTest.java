package io.myriad.fleet.launcher;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./myriad token}: an RS256 JWT signed with the key pair {@code ./myriad up} makes, which the services verify
 * with its public half. Here the signature is verified with the JDK's own RSA, not with openssl that made it.
 */
class TokenTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path state;

    @BeforeEach
    void makeTheKeys() {
        Bash.Result result = bash("ensure_keys");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(this.state.resolve("keys/jwt.key.pem")).isNotEmptyFile();
        assertThat(this.state.resolve("keys/service.pub.pem")).isNotEmptyFile();
        assertThat(this.state.resolve("keys/webhook-secret")).isNotEmptyFile();
    }

    @Test
    void aUsersTokenIsSignedWithTheLocalKeyForTheQueryApiAndTheReminders() throws Exception {
        // when
        Bash.Result result = bash("token alice --ttl 600");

        // then
        assertThat(result.exitCode()).as(result.toString()).isZero();
        String[] parts = result.out().strip().split("\\.");
        assertThat(parts).hasSize(3);
        assertThat(verifies(parts, publicKey("jwt.pub.pem"))).as("signature verified with jwt.pub.pem").isTrue();
        assertThat(verifies(parts, publicKey("service.pub.pem"))).as("signature verified with the services' key")
                .isFalse();
        assertThat(decode(parts[0]).path("alg").asString()).isEqualTo("RS256");
        JsonNode claims = decode(parts[1]);
        assertThat(claims.path("iss").asString()).isEqualTo("myriad-local");
        assertThat(claims.path("sub").asString()).isEqualTo("alice");
        assertThat(claims.path("aud").valueStream().map(JsonNode::asString))
                .containsExactly("myriad-queries", "myriad-reminders");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(600);
        assertThat(claims.has("scope")).isFalse();
    }

    @Test
    void anOperatorsTokenAlsoNamesTheGraphAndItsScope() throws Exception {
        // when
        Bash.Result result = bash("token ops --scope graph:write");

        // then
        assertThat(result.exitCode()).as(result.toString()).isZero();
        String[] parts = result.out().strip().split("\\.");
        assertThat(verifies(parts, publicKey("jwt.pub.pem"))).isTrue();
        JsonNode claims = decode(parts[1]);
        assertThat(claims.path("aud").valueStream().map(JsonNode::asString))
                .containsExactly("myriad-queries", "myriad-reminders", "myriad-graph");
        assertThat(claims.path("scope").asString()).isEqualTo("graph:write");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(3600);
    }

    @Test
    void aTokenNobodyCouldUseIsRefusedWithTheReason() {
        assertThat(bash("token alice --ttl soon").err()).contains("--ttl needs seconds, not soon");
        assertThat(bash("token alice --ttl").err()).contains("--ttl needs seconds");
        assertThat(bash("token 'alice smith'").err()).contains("a user id is 1-64 letters");
        assertThat(bash("token alice --scope graph:read").err()).contains("the only scope is graph:write");
        assertThat(bash("token alice --admin").err()).contains("unknown option for token: --admin");
        assertThat(bash("token alice --ttl soon").exitCode()).isEqualTo(1);
    }

    @Test
    void withoutAKeyNoTokenIsSigned() throws Exception {
        // given
        Files.delete(this.state.resolve("keys/jwt.key.pem"));

        // when
        Bash.Result result = bash("token alice");

        // then
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("no signing key yet", "./myriad up makes it");
    }

    @Test
    void theKeysAreKeptAcrossRunsSoThatTheServicesKeepTrustingThem() throws Exception {
        // given
        String before = Files.readString(this.state.resolve("keys/jwt.pub.pem"));

        // when
        Bash.Result again = bash("ensure_keys");

        // then
        assertThat(again.out()).doesNotContain("made the local token signing key");
        assertThat(Files.readString(this.state.resolve("keys/jwt.pub.pem"))).isEqualTo(before);
    }

    private Bash.Result bash(String script) {
        return Bash.run(Map.of("MYRIAD_STATE", this.state.toString()), script);
    }

    private PublicKey publicKey(String file) throws Exception {
        String pem = Files.readString(this.state.resolve("keys").resolve(file))
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }

    private static boolean verifies(String[] jwt, PublicKey key) throws Exception {
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(key);
        rsa.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        return rsa.verify(Base64.getUrlDecoder().decode(jwt[2]));
    }

    private static JsonNode decode(String part) {
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
    }
}
