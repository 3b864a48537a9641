package io.gridchat.edge.ws;

import jakarta.websocket.CloseReason;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The connections this edge node holds, by user and by the id of the token they were opened with. Thread-safe. */
public final class LocalConnections {
    private final ConcurrentHashMap<String, Set<ChatConnection>> byUser = new ConcurrentHashMap<>();
    /** Connections with a revocable token (one with an id); a logout closes them all. */
    private final ConcurrentHashMap<String, Set<ChatConnection>> byToken = new ConcurrentHashMap<>();

    void add(ChatConnection connection) {
        byUser.computeIfAbsent(connection.userId(), user -> ConcurrentHashMap.newKeySet()).add(connection);
        if (connection.tokenId() != null) {
            byToken.computeIfAbsent(connection.tokenId(), token -> ConcurrentHashMap.newKeySet()).add(connection);
        }
    }

    /** False if the connection was not (or no longer) here. */
    boolean remove(ChatConnection connection) {
        if (connection.tokenId() != null) {
            removeFrom(byToken, connection.tokenId(), connection);
        }
        return removeFrom(byUser, connection.userId(), connection);
    }

    private static boolean removeFrom(ConcurrentHashMap<String, Set<ChatConnection>> index, String key,
                                      ChatConnection connection) {
        boolean[] removed = new boolean[1];
        index.computeIfPresent(key, (ignored, connections) -> {
            removed[0] = connections.remove(connection);
            return connections.isEmpty() ? null : connections;
        });
        return removed[0];
    }

    public Collection<ChatConnection> of(String userId) {
        Set<ChatConnection> connections = byUser.get(userId);
        return connections == null ? List.of() : connections;
    }

    /** A copy: the caller may close (and so remove) them while going through it. */
    List<ChatConnection> ofToken(String tokenId) {
        Set<ChatConnection> connections = byToken.get(tokenId);
        return connections == null ? List.of() : List.copyOf(connections);
    }

    /** The ids of the tokens live connections were opened with (those that have one). */
    List<String> tokenIds() {
        return List.copyOf(byToken.keySet());
    }

    public List<ChatConnection> all() {
        return byUser.values().stream().flatMap(Set::stream).toList();
    }

    /** Closes every connection with {@code reason} (each close removes it; one failing does not stop the rest). */
    public void closeAll(CloseReason reason) {
        for (ChatConnection connection : all()) {
            connection.close(reason);
        }
    }

    public int count() {
        return byUser.values().stream().mapToInt(Set::size).sum();
    }
}
