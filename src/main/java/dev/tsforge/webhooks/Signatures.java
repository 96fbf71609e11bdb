package dev.tsforge.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks' symmetric scheme (https://www.standardwebhooks.com): {@code webhook-signature: v1,<base64 of
 * HMAC-SHA256 of "id.timestamp.body">}, with the secret shown to users as {@code whsec_<base64 of its bytes>}, so
 * that its published verifiers (Python, JS, Go, Java, ...) work on our deliveries unchanged. No maintained Java
 * library for signing is in Maven Central's mainstream; the scheme is one MAC.
 */
final class Signatures {

    static final String SECRET_PREFIX = "whsec_";
    static final String ID_HEADER = "webhook-id";
    static final String TIMESTAMP_HEADER = "webhook-timestamp";
    static final String SIGNATURE_HEADER = "webhook-signature";

    private Signatures() {
    }

    static String shown(byte[] secret) {
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(secret);
    }

    /** The header value for one attempt: {@code timestamp} is the attempt's, in seconds, as the header sends it. */
    static String sign(byte[] secret, String messageId, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] signature = mac.doFinal((messageId + "." + timestamp + "." + body)
                    .getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
