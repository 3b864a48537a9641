package io.gridchat.model.processor;

import com.hazelcast.core.HazelcastInstance;
import io.gridchat.model.LiveRoom;
import io.gridchat.model.MapNames;
import io.gridchat.model.UserSessions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Forgets every connection and seat one edge node held, and turns the users it leaves without any connection
 * offline (last seen at their last heartbeat; announced), rather than leaving them online until their presence
 * entries expire. Run by the grid when a node stopped beating, and by a node itself when it stops, or starts
 * under the id of a previous life. Works from a member or a client.
 */
public final class EdgeDrop {
    private EdgeDrop() {
    }

    /** Blocks for the two sweeps; the returned stage completes when the presence changes are published. */
    public static CompletableFuture<Void> run(HazelcastInstance instance, String edgeId, long lastSeenRetentionMillis) {
        Map<String, Integer> remaining = instance.<String, UserSessions>getMap(MapNames.SESSIONS)
                .executeOnEntries(new DropEdge(edgeId));
        instance.<String, LiveRoom>getMap(MapNames.ROOM_LIVE).executeOnEntries(new DropEdgeSeats(edgeId));
        List<CompletableFuture<Void>> offline = new ArrayList<>();
        remaining.forEach((userId, connections) -> {
            if (connections != null && connections == 0) {
                offline.add(PresenceAnnouncer.apply(instance, userId, LeavePresence.vanished(lastSeenRetentionMillis),
                        "after their edge node " + edgeId + " went"));
            }
        });
        return CompletableFuture.allOf(offline.toArray(CompletableFuture[]::new));
    }
}
