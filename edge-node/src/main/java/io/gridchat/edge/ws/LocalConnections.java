package io.gridchat.edge.ws;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The connections this edge node holds, by user. Thread-safe. */
public final class LocalConnections {
    private final ConcurrentHashMap<String, Set<ChatConnection>> byUser = new ConcurrentHashMap<>();

    void add(ChatConnection connection) {
        byUser.computeIfAbsent(connection.userId(), user -> ConcurrentHashMap.newKeySet()).add(connection);
    }

    /** False if the connection was not (or no longer) here. */
    boolean remove(ChatConnection connection) {
        boolean[] removed = new boolean[1];
        byUser.computeIfPresent(connection.userId(), (user, connections) -> {
            removed[0] = connections.remove(connection);
            return connections.isEmpty() ? null : connections;
        });
        return removed[0];
    }

    public Collection<ChatConnection> of(String userId) {
        Set<ChatConnection> connections = byUser.get(userId);
        return connections == null ? List.of() : connections;
    }

    public List<ChatConnection> all() {
        return byUser.values().stream().flatMap(Set::stream).toList();
    }

    public int count() {
        return byUser.values().stream().mapToInt(Set::size).sum();
    }
}
