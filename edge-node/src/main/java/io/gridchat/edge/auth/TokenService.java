package io.gridchat.edge.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed bearer tokens: {@code base64url(userId).expiresAtMillis.tokenId.base64url(HMAC-SHA256)}. Any edge node
 * with the same key verifies any token with no grid call; revocation (logout) is a separate look-up by tokenId
 * ({@link RevokedTokens}). Tokens are signed with the current key and accepted with it or any previous key, so
 * rotating the key logs nobody out. Tokens of the earlier three-part form (no tokenId) are still accepted until
 * they expire; they cannot be revoked one by one. Thread-safe.
 */
public final class TokenService {
    private static final String MAC = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MAX_TOKEN_LENGTH = 512;
    private static final int TOKEN_ID_BYTES = 16;

    private final SecretKeySpec signingKey;
    /** The signing key first, then the previous keys. */
    private final List<SecretKeySpec> acceptedKeys;
    private final long ttlMillis;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /** A verified token: whose it is, when it expires, and its id for revocation (null for the old form). */
    public record Token(String userId, long expiresAt, String tokenId) {
    }

    public TokenService(String secret, long ttlSeconds, Clock clock) {
        this(secret, List.of(), ttlSeconds, clock);
    }

    public TokenService(String secret, List<String> previousSecrets, long ttlSeconds, Clock clock) {
        this.signingKey = key(secret);
        List<SecretKeySpec> keys = new ArrayList<>();
        keys.add(signingKey);
        previousSecrets.forEach(previous -> keys.add(key(previous)));
        this.acceptedKeys = List.copyOf(keys);
        this.ttlMillis = ttlSeconds * 1000;
        this.clock = clock;
    }

    private static SecretKeySpec key(String secret) {
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), MAC);
    }

    public String issue(String userId) {
        byte[] id = new byte[TOKEN_ID_BYTES];
        random.nextBytes(id);
        String payload = ENCODER.encodeToString(userId.getBytes(StandardCharsets.UTF_8)) + "."
                + (clock.millis() + ttlMillis) + "." + ENCODER.encodeToString(id);
        return payload + "." + ENCODER.encodeToString(sign(signingKey, payload));
    }

    /** A validly signed, unexpired token; empty for anything else. Revocation is not checked. */
    public Optional<Token> parse(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 && parts.length != 4 || parts[0].isEmpty()) {
            return Optional.empty();
        }
        String payload = token.substring(0, token.lastIndexOf('.'));
        try {
            byte[] signature = DECODER.decode(parts[parts.length - 1]);
            if (!signedByAcceptedKey(payload, signature)) {
                return Optional.empty();
            }
            long expiresAt = Long.parseLong(parts[1]);
            if (expiresAt <= clock.millis()) {
                return Optional.empty();
            }
            String userId = new String(DECODER.decode(parts[0]), StandardCharsets.UTF_8);
            return Optional.of(new Token(userId, expiresAt, parts.length == 4 ? parts[2] : null));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private boolean signedByAcceptedKey(String payload, byte[] signature) {
        for (SecretKeySpec key : acceptedKeys) {
            if (MessageDigest.isEqual(signature, sign(key, payload))) {
                return true;
            }
        }
        return false;
    }

    private static byte[] sign(SecretKeySpec key, String payload) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(MAC + " is not available in this JDK", e);
        }
    }
}
