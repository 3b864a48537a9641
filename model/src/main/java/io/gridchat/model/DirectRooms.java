package io.gridchat.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one direct-message room of two users has an id derived from the pair, so every edge node and every
 * concurrent request names the same room and its creation is decided once, on that room's partition.
 */
public final class DirectRooms {
    /** Prefix of every dm room id; generated ids of other rooms start with a letter and no underscore. */
    public static final String PREFIX = "dm_";

    private DirectRooms() {
    }

    /** {@code dm_} and 40 hex digits of SHA-256 over the two user ids in order: the same for (a, b) and (b, a). */
    public static String idOf(String userA, String userB) {
        String first = userA.compareTo(userB) <= 0 ? userA : userB;
        String second = first.equals(userA) ? userB : userA;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((first + '\n' + second).getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static boolean isDirect(String roomId) {
        return roomId.startsWith(PREFIX);
    }
}
