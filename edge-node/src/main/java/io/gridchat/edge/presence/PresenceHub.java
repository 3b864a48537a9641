package io.gridchat.edge.presence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridchat.edge.Json;
import io.gridchat.edge.ws.ChatConnection;
import io.gridchat.model.PresenceStatus;
import java.util.ArrayList;
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
    /**
     * Per connection: each watched user and why: one reason (FRIEND or a room id, a String: the usual case, and
     * no set per watch) or several (a Set of them).
     */
    private final Map<ChatConnection, Map<String, Object>> watched = new HashMap<>();

    public PresenceHub(int maxWatchedPerConnection) {
        this.maxWatchedPerConnection = maxWatchedPerConnection;
    }

    /**
     * Starts watching {@code userIds} for {@code reason}, up to the bound of users per connection; returns how
     * many of them are watched.
     */
    public synchronized int watch(ChatConnection connection, String reason, Iterable<String> userIds) {
        Map<String, Object> mine = watched.computeIfAbsent(connection, c -> new HashMap<>());
        int count = 0;
        for (String userId : userIds) {
            if (userId.equals(connection.userId())) {
                continue;
            }
            Object reasons = mine.get(userId);
            if (reasons == null) {
                if (mine.size() >= maxWatchedPerConnection) {
                    continue;
                }
                mine.put(userId, reason);
                watchers.computeIfAbsent(userId, u -> new HashSet<>()).add(connection);
            } else if (!reasons.equals(reason)) {
                mine.put(userId, withReason(reasons, reason));
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
        Map<String, Object> mine = watched.get(connection);
        if (mine != null && mine.containsKey(userId)) {
            dropReason(connection, mine, userId, reason);
        }
    }

    /** The connection's user is no longer in the room: nobody is watched for it any more. */
    public synchronized void leftRoom(ChatConnection connection, String roomId) {
        Map<String, Object> mine = watched.get(connection);
        if (mine == null) {
            return;
        }
        for (String userId : new ArrayList<>(mine.keySet())) {
            dropReason(connection, mine, userId, roomId);
        }
    }

    /** The connection closed: it watches no one. */
    public synchronized void forget(ChatConnection connection) {
        Map<String, Object> mine = watched.remove(connection);
        if (mine == null) {
            return;
        }
        for (String userId : mine.keySet()) {
            stopWatcher(connection, userId);
        }
    }

    private static Object withReason(Object reasons, String reason) {
        if (reasons instanceof String single) {
            Set<String> several = new HashSet<>(4);
            several.add(single);
            several.add(reason);
            return several;
        }
        @SuppressWarnings("unchecked")
        Set<String> several = (Set<String>) reasons;
        several.add(reason);
        return several;
    }

    /** Takes {@code reason} from the user's reasons; the watch ends with its last reason. */
    private void dropReason(ChatConnection connection, Map<String, Object> mine, String userId, String reason) {
        Object reasons = mine.get(userId);
        boolean last;
        if (reasons instanceof String single) {
            last = single.equals(reason);
        } else {
            @SuppressWarnings("unchecked")
            Set<String> several = (Set<String>) reasons;
            last = several.remove(reason) && several.isEmpty();
        }
        if (last) {
            mine.remove(userId);
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
