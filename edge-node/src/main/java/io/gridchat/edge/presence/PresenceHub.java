package io.gridchat.edge.presence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridchat.edge.Json;
import io.gridchat.edge.ws.ChatConnection;
import io.gridchat.model.PresenceStatus;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which local connections watch whose presence, why, and writing them the changes. A connection watches a user
 * for as long as it has a reason to: a friendship ({@link #FRIEND}) or a room they share (its id). When the
 * last reason goes (the connection left the room or was removed from it, the user left it, the friendship
 * ended) the watch ends with it, so presence is only pushed to those who may see it. Thread-safe.
 */
public final class PresenceHub {
    /** The reason of a watch between friends; room ids are never empty, so it cannot collide with one. */
    public static final String FRIEND = "";

    private final int maxWatchedPerConnection;
    private final Map<String, Set<ChatConnection>> watchers = new HashMap<>();
    private final Map<ChatConnection, Watches> watched = new HashMap<>();

    public PresenceHub(int maxWatchedPerConnection) {
        this.maxWatchedPerConnection = maxWatchedPerConnection;
    }

    /**
     * What one connection watches: the users of each reason, and per user how many reasons it has. Indexed by
     * reason so that leaving a room touches only the users watched for it, not every user the connection
     * watches (a leave ran through all of them, twice: the edge's biggest cost in the rooms benchmark).
     */
    private static final class Watches {
        final Map<String, Set<String>> usersByReason = new HashMap<>();
        final Map<String, Integer> reasonCount = new HashMap<>();
    }

    /**
     * Starts watching {@code userIds} for {@code reason}, up to the bound of users per connection; returns how
     * many of them are watched.
     */
    public synchronized int watch(ChatConnection connection, String reason, Iterable<String> userIds) {
        Watches mine = watched.computeIfAbsent(connection, c -> new Watches());
        Set<String> users = null;
        int count = 0;
        for (String userId : userIds) {
            if (userId.equals(connection.userId())) {
                continue;
            }
            Integer reasons = mine.reasonCount.get(userId);
            if (reasons == null && mine.reasonCount.size() >= maxWatchedPerConnection) {
                continue;
            }
            if (users == null) {
                users = mine.usersByReason.computeIfAbsent(reason, r -> new HashSet<>());
            }
            if (users.add(userId)) {
                if (reasons == null) {
                    mine.reasonCount.put(userId, 1);
                    watchers.computeIfAbsent(userId, u -> new HashSet<>()).add(connection);
                } else {
                    mine.reasonCount.put(userId, reasons + 1);
                }
            }
            count++;
        }
        return count;
    }

    public void watch(ChatConnection connection, String reason, String userId) {
        watch(connection, reason, List.of(userId));
    }

    /** {@code userId} no longer counts for {@code reason} (left the room, no longer a friend). */
    public synchronized void unwatch(ChatConnection connection, String reason, String userId) {
        Watches mine = watched.get(connection);
        Set<String> users = mine == null ? null : mine.usersByReason.get(reason);
        if (users != null && users.remove(userId)) {
            if (users.isEmpty()) {
                mine.usersByReason.remove(reason);
            }
            dropReason(connection, mine, userId);
        }
    }

    /** The connection's user is no longer in the room: nobody is watched for it any more. */
    public synchronized void leftRoom(ChatConnection connection, String roomId) {
        Watches mine = watched.get(connection);
        Set<String> users = mine == null ? null : mine.usersByReason.remove(roomId);
        if (users != null) {
            users.forEach(userId -> dropReason(connection, mine, userId));
        }
    }

    /** The connection closed: it watches no one. */
    public synchronized void forget(ChatConnection connection) {
        Watches mine = watched.remove(connection);
        if (mine == null) {
            return;
        }
        for (String userId : mine.reasonCount.keySet()) {
            stopWatcher(connection, userId);
        }
    }

    /** One of the user's reasons went; the watch ends with its last reason. */
    private void dropReason(ChatConnection connection, Watches mine, String userId) {
        int left = mine.reasonCount.get(userId) - 1;
        if (left > 0) {
            mine.reasonCount.put(userId, left);
        } else {
            mine.reasonCount.remove(userId);
            stopWatcher(connection, userId);
        }
    }

    private void stopWatcher(ChatConnection connection, String userId) {
        Set<ChatConnection> connections = watchers.get(userId);
        if (connections != null && connections.remove(connection) && connections.isEmpty()) {
            watchers.remove(userId);
        }
    }

    /** Writes a presence event to every local connection watching {@code userId}; the frame is built once. */
    public void announce(String userId, PresenceStatus status, long lastSeen) {
        List<ChatConnection> targets;
        synchronized (this) {
            Set<ChatConnection> connections = watchers.get(userId);
            if (connections == null) {
                return;
            }
            targets = List.copyOf(connections);
        }
        String frame = Json.write(event(userId, status, lastSeen));
        targets.forEach(connection -> connection.send(frame));
    }

    static ObjectNode event(String userId, PresenceStatus status, long lastSeen) {
        return view(Json.object().put("type", "presence"), userId, status, lastSeen);
    }

    /** {@code userId, status, lastSeen}; lastSeen is null when unknown (never connected, or not visible). */
    static ObjectNode view(ObjectNode node, String userId, PresenceStatus status, long lastSeen) {
        node.put("userId", userId).put("status", status.wire());
        if (lastSeen > 0) {
            node.put("lastSeen", lastSeen);
        } else {
            node.putNull("lastSeen");
        }
        return node;
    }
}
