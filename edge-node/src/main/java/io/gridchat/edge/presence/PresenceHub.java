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
 * Which local connections watch whose presence, and writing them the changes. A connection watches the users
 * it asked for with a {@code presence} frame (if visible to it) and the participants of the rooms it joined.
 * Thread-safe.
 */
public final class PresenceHub {
    private final int maxWatchedPerConnection;
    private final Map<String, Set<ChatConnection>> watchers = new HashMap<>();
    private final Map<ChatConnection, Set<String>> watched = new HashMap<>();

    public PresenceHub(int maxWatchedPerConnection) {
        this.maxWatchedPerConnection = maxWatchedPerConnection;
    }

    /** Starts watching, up to the bound per connection; returns how many of {@code userIds} are watched. */
    public synchronized int watch(ChatConnection connection, Iterable<String> userIds) {
        Set<String> mine = watched.computeIfAbsent(connection, c -> new HashSet<>());
        int count = 0;
        for (String userId : userIds) {
            if (userId.equals(connection.userId())) {
                continue;
            }
            if (mine.contains(userId) || (mine.size() < maxWatchedPerConnection && mine.add(userId))) {
                watchers.computeIfAbsent(userId, u -> new HashSet<>()).add(connection);
                count++;
            }
        }
        return count;
    }

    public void watch(ChatConnection connection, String userId) {
        watch(connection, List.of(userId));
    }

    /** The connection closed: it watches no one. */
    public synchronized void forget(ChatConnection connection) {
        Set<String> mine = watched.remove(connection);
        if (mine == null) {
            return;
        }
        for (String userId : mine) {
            Set<ChatConnection> connections = watchers.get(userId);
            if (connections != null && connections.remove(connection) && connections.isEmpty()) {
                watchers.remove(userId);
            }
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
