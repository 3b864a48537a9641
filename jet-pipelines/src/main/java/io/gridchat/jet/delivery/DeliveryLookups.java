package io.gridchat.jet.delivery;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.gridchat.model.ChatMessage;
import io.gridchat.model.MapNames;
import io.gridchat.model.Room;
import io.gridchat.model.RoomKind;
import io.gridchat.model.Roster;
import io.gridchat.model.UserSessions;
import io.gridchat.model.processor.DeliveryLag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The lookups delivery makes, per batch of messages: each room's roster, each member's sessions and, for rooms
 * with members away, the room, each looked up once per batch however many of the batch's messages need it (a
 * busy room's members were looked up once per message and recipient before: ten session reads per message).
 * All asynchronous, so a Jet thread never waits on a partition thread (a blocking lookup per message capped
 * delivery near 1,000 messages/s on 2 cores). Roster and room lookups are local: the journal partition that
 * yielded a message is owned by this member, and the room's entries share that partition. Shared by the
 * processors of a member; thread-safe.
 */
final class DeliveryLookups {
    private final IMap<String, Roster> rosters;
    private final IMap<String, UserSessions> sessions;
    private final IMap<String, Room> rooms;
    /** The member's delivery lag, told of every routed batch; null on a member without one (a bare test member). */
    private final DeliveryLag lag;

    DeliveryLookups(HazelcastInstance instance) {
        this.rosters = instance.getMap(MapNames.ROSTERS);
        this.sessions = instance.getMap(MapNames.SESSIONS);
        this.rooms = instance.getMap(MapNames.ROOMS);
        this.lag = instance.getUserContext().get(DeliveryLag.USER_CONTEXT_KEY) instanceof DeliveryLag memberLag
                ? memberLag : null;
    }

    /**
     * The edge shares and offline updates of each message (see {@link EdgeShares}), in the batch's order; none
     * for a message whose room has no roster (closed meanwhile).
     */
    CompletableFuture<List<List<Object>>> route(List<ChatMessage> batch) {
        Map<String, CompletableFuture<Roster>> rosterLookups = new HashMap<>();
        for (ChatMessage message : batch) {
            rosterLookups.computeIfAbsent(message.roomId(), roomId -> rosters.getAsync(roomId).toCompletableFuture());
        }
        return allOf(rosterLookups).thenCompose(rostersFound -> {
            Map<String, CompletableFuture<UserSessions>> sessionLookups = new HashMap<>();
            rostersFound.values().forEach(roster -> roster.userIds().forEach(userId -> sessionLookups
                    .computeIfAbsent(userId, id -> sessions.getAsync(id).toCompletableFuture())));
            return allOf(sessionLookups).thenCompose(online -> {
                Map<String, CompletableFuture<Room>> roomLookups = new HashMap<>();
                rostersFound.forEach((roomId, roster) -> {
                    if (!online.keySet().containsAll(roster.userIds())) {
                        roomLookups.put(roomId, rooms.getAsync(roomId).toCompletableFuture());
                    }
                });
                return allOf(roomLookups).thenApply(roomsFound -> {
                    List<List<Object>> shares = shares(batch, rostersFound, online, roomsFound);
                    noteRouted(batch);
                    return shares;
                });
            });
        });
    }

    private static List<List<Object>> shares(List<ChatMessage> batch, Map<String, Roster> rosters,
                                             Map<String, UserSessions> online, Map<String, Room> rooms) {
        List<List<Object>> shares = new ArrayList<>(batch.size());
        for (ChatMessage message : batch) {
            Roster roster = rosters.get(message.roomId());
            shares.add(roster == null ? List.of()
                    : EdgeShares.split(message, roster, online, queuesOffline(rooms.get(message.roomId()))));
        }
        return shares;
    }

    /** Completes with the found values by key (keys whose lookup found nothing are left out). */
    private static <V> CompletableFuture<Map<String, V>> allOf(Map<String, CompletableFuture<V>> lookups) {
        return CompletableFuture.allOf(lookups.values().toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<String, V> found = new HashMap<>(lookups.size() * 2);
            lookups.forEach((key, lookup) -> {
                V value = lookup.join();
                if (value != null) {
                    found.put(key, value);
                }
            });
            return found;
        });
    }

    /** Group and dm members get messages sent while they were away; study participants resume instead. */
    private static boolean queuesOffline(Room room) {
        return room != null && room.kind() != RoomKind.STUDY;
    }

    /** Tells the member's delivery lag the newest accept time of a routed batch. */
    private void noteRouted(List<ChatMessage> batch) {
        if (lag != null) {
            long newest = Long.MIN_VALUE;
            for (ChatMessage message : batch) {
                newest = Math.max(newest, message.ts());
            }
            lag.routed(newest);
        }
    }
}
