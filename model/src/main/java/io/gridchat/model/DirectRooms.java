package io.gridchat.model;

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
        return userA.compareTo(userB) <= 0 ? PairIds.of(PREFIX, userA, userB) : PairIds.of(PREFIX, userB, userA);
    }

    public static boolean isDirect(String roomId) {
        return roomId.startsWith(PREFIX);
    }
}
