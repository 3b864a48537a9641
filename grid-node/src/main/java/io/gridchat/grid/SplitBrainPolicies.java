package io.gridchat.grid;

import com.hazelcast.config.Config;
import com.hazelcast.spi.merge.PassThroughMergePolicy;
import com.hazelcast.spi.merge.PutIfAbsentMergePolicy;
import com.hazelcast.spi.merge.SplitBrainMergePolicy;
import io.gridchat.model.MapNames;
import java.util.Map;

/**
 * What happens to each map when two halves of a split cluster merge again. See README, "Split brain", for what
 * this can and cannot promise.
 */
final class SplitBrainPolicies {

    /**
     * Merge policy per map, and why:
     * <ul>
     * <li>{@code room-logs}: the higher seq wins, so no seq is handed out twice after the merge;</li>
     * <li>maps of facts created once (messages by (room, seq), rooms, users, usernames, memberships, bans, rosters,
     * dedupe, friends, friend requests, offline marks, revoked tokens): the merging half's entry is added where the other half
     * has none; on a clash the surviving cluster's entry stays (there is no order between the halves);</li>
     * <li>maps of current state that only moves forward or is refreshed (read positions, sessions, presence,
     * edge heartbeats, room timers, live seats): the latest update wins;</li>
     * <li>{@code rate-limits}: the merging half's window wins. A window lives two windows at most; a user
     * counted in both halves keeps one half's count, so at worst gets one window's permits twice, once.</li>
     * </ul>
     */
    static final Map<String, Class<? extends SplitBrainMergePolicy<?, ?, ?>>> MERGE_POLICIES = Map.ofEntries(
            Map.entry(MapNames.ROOM_LOGS, HigherSeqMergePolicy.class),
            Map.entry(MapNames.MESSAGES, putIfAbsent()), Map.entry(MapNames.ROOMS, putIfAbsent()),
            Map.entry(MapNames.USERS, putIfAbsent()), Map.entry(MapNames.USERNAMES, putIfAbsent()),
            Map.entry(MapNames.MEMBERS, putIfAbsent()), Map.entry(MapNames.ROSTERS, putIfAbsent()),
            Map.entry(MapNames.DEDUPE, putIfAbsent()), Map.entry(MapNames.FRIENDS, putIfAbsent()),
            Map.entry(MapNames.FRIEND_REQUESTS, putIfAbsent()), Map.entry(MapNames.OFFLINE, putIfAbsent()),
            Map.entry(MapNames.READ_POSITIONS, putIfAbsent()), Map.entry(MapNames.SESSIONS, passThrough()),
            Map.entry(MapNames.PRESENCE, passThrough()), Map.entry(MapNames.EDGES, passThrough()),
            Map.entry(MapNames.RATE_LIMITS, passThrough()), Map.entry(MapNames.REVOKED_TOKENS, putIfAbsent()),
            Map.entry(MapNames.GRID_STATUS, passThrough()), Map.entry(MapNames.BANS, putIfAbsent()),
            Map.entry(MapNames.ROOM_TIMERS, passThrough()), Map.entry(MapNames.ROOM_LIVE, passThrough()));

    private SplitBrainPolicies() {
    }

    static void apply(Config config) {
        MERGE_POLICIES.forEach((map, policy) -> config.getMapConfig(map).getMergePolicyConfig()
                .setPolicy(policy.getName()));
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends SplitBrainMergePolicy<?, ?, ?>> putIfAbsent() {
        return (Class<? extends SplitBrainMergePolicy<?, ?, ?>>) (Class<?>) PutIfAbsentMergePolicy.class;
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends SplitBrainMergePolicy<?, ?, ?>> passThrough() {
        return (Class<? extends SplitBrainMergePolicy<?, ?, ?>>) (Class<?>) PassThroughMergePolicy.class;
    }
}
