package io.gridchat.edge.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless bearer tokens: {@code base64url(userId).expiresAtMillis.base64url(HMAC-SHA256)}. Any edge node
 * with the same secret verifies any token, with no grid call. Thread-safe.
 */
public final class TokenService {
    private static final String MAC = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final long ttlMillis;
    private final Clock clock;

    public TokenService(String secret, long ttlSeconds, Clock clock) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), MAC);
        this.ttlMillis = ttlSeconds * 1000;
        this.clock = clock;
    }

    public String issue(String userId) {
        String payload = ENCODER.encodeToString(userId.getBytes(StandardCharsets.UTF_8)) + "."
                + (clock.millis() + ttlMillis);
        return payload + "." + ENCODER.encodeToString(sign(payload));
    }

    /** The userId of a valid, unexpired token; empty for anything else. */
    public Optional<String> verify(String token) {
        if (token == null || token.length() > 512) {
            return Optional.empty();
        }
        int lastDot = token.lastIndexOf('.');
        int firstDot = token.indexOf('.');
        if (firstDot <= 0 || lastDot <= firstDot) {
            return Optional.empty();
        }
        String payload = token.substring(0, lastDot);
        try {
            byte[] signature = DECODER.decode(token.substring(lastDot + 1));
            if (!MessageDigest.isEqual(signature, sign(payload))) {
                return Optional.empty();
            }
            long expiresAt = Long.parseLong(token.substring(firstDot + 1, lastDot));
            if (expiresAt <= clock.millis()) {
                return Optional.empty();
            }
            return Optional.of(new String(DECODER.decode(token.substring(0, firstDot)), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] sign(String payload) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(MAC + " is not available in this JDK", e);
        }
    }
}
