package io.gridchat.config;

import java.util.List;

/**
 * Accounts and tokens.
 *
 * @param tokenSecret      HMAC key for tokens, at least 32 characters (GRIDCHAT_AUTH_TOKENSECRET)
 * @param tokenTtlSeconds  how long a token is valid, at least {@value #MIN_TOKEN_TTL_SECONDS} seconds; open
 *                         WebSockets are closed when their token expires, so a few seconds only suit tests
 * @param pbkdf2Iterations PBKDF2-HMAC-SHA256 iterations for new password hashes
 * @param previousTokenSecrets keys tokens are still accepted with but no longer signed with: rotating the key
 *                         moves the old {@code tokenSecret} here, so nobody is logged out; drop it once its
 *                         tokens expired ({@code tokenTtlSeconds})
 */
public record AuthSettings(String tokenSecret, long tokenTtlSeconds, int pbkdf2Iterations,
                           List<String> previousTokenSecrets) {
    /** Low enough for a test to watch a token expire; edge nodes check open connections' tokens once a second. */
    public static final long MIN_TOKEN_TTL_SECONDS = 5;

    public AuthSettings {
        previousTokenSecrets = previousTokenSecrets == null ? List.of() : List.copyOf(previousTokenSecrets);
        for (String previous : previousTokenSecrets) {
            ConfigException.check(previous.length() >= 32, "auth.previousTokenSecrets",
                    "every key must be at least 32 characters");
        }
        ConfigException.check(tokenSecret != null && tokenSecret.length() >= 32, "auth.tokenSecret",
                "must be at least 32 characters");
        ConfigException.check(tokenTtlSeconds >= MIN_TOKEN_TTL_SECONDS, "auth.tokenTtlSeconds",
                "must be at least " + MIN_TOKEN_TTL_SECONDS + " seconds");
        ConfigException.check(pbkdf2Iterations >= 1000, "auth.pbkdf2Iterations", "must be at least 1000");
    }

    @Override
    public String toString() {
        return "AuthSettings[tokenTtlSeconds=" + tokenTtlSeconds + ", pbkdf2Iterations=" + pbkdf2Iterations
                + ", previousTokenSecrets=" + previousTokenSecrets.size() + " keys]";
    }
}
