package io.gridchat.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Ids derived from two user ids, so every node and every concurrent request names the same thing. */
final class PairIds {
    private PairIds() {
    }

    /** {@code prefix} and 40 hex digits of SHA-256 over {@code first} and {@code second} in this order. */
    static String of(String prefix, String first, String second) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((first + '\n' + second).getBytes(StandardCharsets.UTF_8));
            return prefix + HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
