package io.bonafide.tasks.webhook.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook as the Standard Webhooks specification says: {@code webhook-signature} is
 * {@code "v1," + base64(HMAC-SHA256(key, id + "." + timestamp + "." + body))}, where the key is
 * the base64-decoded part of a {@code whsec_} secret. Also derives the stable {@code webhook-id}
 * of a task's final notification to one endpoint, so that every repeated delivery carries the
 * same id and receivers can deduplicate.
 */
public final class StandardWebhookSigner {
    private static final String SECRET_PREFIX = "whsec_";

    private StandardWebhookSigner() {
    }

    /** The key bytes of a {@code whsec_<base64>} secret (the prefix is optional, as in the reference libraries). */
    public static byte[] decodeSecret(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("a signing secret must be whsec_ followed by base64 bytes; it is empty");
        }
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a signing secret must be whsec_ followed by base64 bytes; it is not base64");
        }
        if (key.length < 16) {
            throw new IllegalArgumentException("a signing secret must hold at least 16 bytes; it holds " + key.length);
        }
        return key;
    }

    /** The {@code webhook-signature} header value of one attempt. */
    public static String sign(byte[] key, String webhookId, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((webhookId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java platform", e);
        }
    }

    /**
     * The {@code webhook-id} of the final notification of {@code taskId} in {@code finalState} to
     * {@code endpoint}: {@code msg_} + 32 hex digits of SHA-256 over the three. Deterministic, so a
     * replayed state record, a retry and a restarted dispatcher all send the same id.
     */
    public static String webhookId(String taskId, String finalState, String endpoint) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((taskId + "\n" + finalState + "\n" + endpoint).getBytes(StandardCharsets.UTF_8));
            return "msg_" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
