package io.myriad.reminder.webhook;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The signature receivers check, against HMAC-SHA256 computed independently. */
class WebhookSignatureTest {

    private static final String SECRET = "a-test-secret";

    private static final byte[] BODY = "{\"deliveryId\":\"r1-1-webhook\",\"message\":\"Café ☕\"}"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void signsTheTimestampDotBodyWithHmacSha256InLowercaseHex() throws Exception {
        // given the HMAC computed independently over "<timestamp>.<body>"
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update("1764061200.".getBytes(StandardCharsets.UTF_8));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(BODY));

        // when signing
        String signature = WebhookSignature.sign(SECRET, 1764061200L, BODY);

        // then it is that, lowercase
        assertThat(signature).isEqualTo(expected).matches("sha256=[0-9a-f]{64}");
    }

    @Test
    void signsAKnownVector() {
        // computed once with: printf '%s' '1764061200.{"message":"hello"}' | openssl dgst -sha256 -hmac Jefe
        String signature = WebhookSignature.sign("Jefe", 1764061200L,
                "{\"message\":\"hello\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(signature).isEqualTo("sha256=5c1c5cc000ca3c3d2150ade6d3e6363f9311a93af3549dfc39dadb94fa5a13da");
    }

    @Test
    void verifiesItsOwnSignature() {
        String signature = WebhookSignature.sign(SECRET, 1764061200L, BODY);

        assertThat(WebhookSignature.verify(SECRET, "1764061200", BODY, signature)).isTrue();
    }

    @Test
    void refusesATamperedBody() {
        String signature = WebhookSignature.sign(SECRET, 1764061200L, BODY);
        byte[] tampered = BODY.clone();
        tampered[tampered.length - 2] ^= 1;

        assertThat(WebhookSignature.verify(SECRET, "1764061200", tampered, signature)).isFalse();
    }

    @Test
    void refusesATamperedTimestamp() {
        String signature = WebhookSignature.sign(SECRET, 1764061200L, BODY);

        assertThat(WebhookSignature.verify(SECRET, "1764061201", BODY, signature)).isFalse();
    }

    @Test
    void refusesAnotherSecretAndMissingParts() {
        String signature = WebhookSignature.sign(SECRET, 1764061200L, BODY);

        assertThat(WebhookSignature.verify("another-secret", "1764061200", BODY, signature)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "1764061200", BODY, signature.toUpperCase())).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "1764061200", BODY, signature.substring(7))).isFalse();
        assertThat(WebhookSignature.verify(SECRET, null, BODY, signature)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "1764061200", BODY, null)).isFalse();
        assertThat(WebhookSignature.verify(null, "1764061200", BODY, signature)).isFalse();
    }
}
