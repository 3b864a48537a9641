package io.gridchat.mapstores;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.CRC32C;

/**
 * Stable choice of a key's shard: {@code floorMod(fmix32(CRC32C(utf8(key))), shardCount)} read as an
 * unsigned 32-bit number. CRC32C alone is linear, so keys that differ in one character cluster on few
 * shards; MurmurHash3's finalizer ({@code fmix32}) mixes every input bit into the low bits first. The formula is part of the data layout: changing it, or the number or order of the
 * shards, strands existing rows. Rooms, memberships and messages go by room id, users by user id, usernames by
 * the lower-cased username. Immutable and thread-safe.
 */
public final class ShardRouter {
    private final int shardCount;

    public ShardRouter(int shardCount) {
        if (shardCount < 1) {
            throw new IllegalArgumentException("shardCount must be at least 1, was " + shardCount);
        }
        this.shardCount = shardCount;
    }

    public int shardCount() {
        return shardCount;
    }

    /** The shard of {@code key}, in {@code [0, shardCount)}. */
    public int shardOf(String key) {
        CRC32C crc = new CRC32C();
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        return (int) Math.floorMod(Integer.toUnsignedLong(fmix32((int) crc.getValue())), (long) shardCount);
    }

    private static int fmix32(int hash) {
        int h = hash;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    /** Rooms, their memberships and their messages all live on the room's shard. */
    public int shardOfRoom(String roomId) {
        return shardOf(roomId);
    }

    public int shardOfUser(String userId) {
        return shardOf(userId);
    }

    /** Usernames are unique case-insensitively, so they are routed (and stored) lower-cased. */
    public int shardOfUsername(String username) {
        return shardOf(username.toLowerCase(Locale.ROOT));
    }
}
