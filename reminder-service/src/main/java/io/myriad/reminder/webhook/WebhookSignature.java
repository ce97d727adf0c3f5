package io.myriad.reminder.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook request, the same for the sender and a receiver: {@code sha256=} and the lowercase hex
 * HMAC-SHA256, keyed with the shared secret, of {@code <X-Myriad-Timestamp>.<raw body bytes>}. The timestamp is
 * signed with the body so that a receiver can refuse an old request replayed (check that it is close to its own
 * clock), and the raw bytes are signed so that a receiver verifies before it parses. A retry is signed anew, with
 * its own timestamp; {@code X-Myriad-Delivery} is what stays the same.
 */
public final class WebhookSignature {

    /** What the hex digest is prefixed with, naming the algorithm. */
    public static final String PREFIX = "sha256=";

    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSignature() {
    }

    /** The {@code X-Myriad-Signature} of {@code body} sent at {@code timestamp} (epoch seconds). */
    public static String sign(String secret, long timestamp, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac(secret, String.valueOf(timestamp), body));
    }

    /**
     * Whether {@code signature} is the one of {@code body} sent with {@code timestamp}, both as received. Compares in
     * constant time; anything missing is a mismatch.
     */
    public static boolean verify(String secret, String timestamp, byte[] body, String signature) {
        if (secret == null || secret.isEmpty() || timestamp == null || body == null || signature == null) {
            return false;
        }
        byte[] expected = (PREFIX + HexFormat.of().formatHex(hmac(secret, timestamp, body)))
                .getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            return mac.doFinal(body);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HMAC-SHA256 is not available", ex); // every JDK has it
        }
    }
}
