package io.gridchat.mapstores;

import java.util.ArrayList;
import java.util.List;

/**
 * Test ids that cover every shard. Needed because CRC32C is linear over GF(2): ids that differ in a single
 * character ("room-0" .. "room-7") can all fall on two of four shards, while random ids spread evenly.
 */
public final class ShardKeys {
    private ShardKeys() {
    }

    /** {@code perShard} ids {@code prefix-N} for each shard, grouped by shard, N rising within a shard. */
    public static List<String> spread(ShardRouter router, String prefix, int perShard) {
        List<List<String>> byShard = new ArrayList<>();
        for (int shard = 0; shard < router.shardCount(); shard++) {
            byShard.add(new ArrayList<>());
        }
        int wanted = perShard * router.shardCount();
        int found = 0;
        for (int n = 0; found < wanted; n++) {
            String id = prefix + "-" + n;
            List<String> ids = byShard.get(router.shardOf(id));
            if (ids.size() < perShard) {
                ids.add(id);
                found++;
            }
        }
        return byShard.stream().flatMap(List::stream).toList();
    }
}
