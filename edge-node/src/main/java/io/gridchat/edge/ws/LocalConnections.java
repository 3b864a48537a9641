package io.gridchat.edge.ws;

import jakarta.websocket.CloseReason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connections this edge node holds, by user and by the id of the token they were opened with. Thread-safe.
 * Each key holds an immutable list, replaced whole when a connection comes or goes (rare): delivery reads a
 * user's connections for every message, and going through a one- or two-element list costs next to nothing,
 * where a concurrent set's iterator first scans its table.
 */
public final class LocalConnections {
    private final ConcurrentHashMap<String, List<ChatConnection>> byUser = new ConcurrentHashMap<>();
    /** Connections with a revocable token (one with an id); a logout closes them all. */
    private final ConcurrentHashMap<String, List<ChatConnection>> byToken = new ConcurrentHashMap<>();

    void add(ChatConnection connection) {
        addTo(byUser, connection.userId(), connection);
        if (connection.tokenId() != null) {
            addTo(byToken, connection.tokenId(), connection);
        }
    }

    private static void addTo(ConcurrentHashMap<String, List<ChatConnection>> index, String key,
                              ChatConnection connection) {
        index.compute(key, (ignored, connections) -> {
            if (connections == null) {
                return List.of(connection);
            }
            if (connections.contains(connection)) {
                return connections;
            }
            List<ChatConnection> more = new ArrayList<>(connections.size() + 1);
            more.addAll(connections);
            more.add(connection);
            return List.copyOf(more);
        });
    }

    /** False if the connection was not (or no longer) here. */
    boolean remove(ChatConnection connection) {
        if (connection.tokenId() != null) {
            removeFrom(byToken, connection.tokenId(), connection);
        }
        return removeFrom(byUser, connection.userId(), connection);
    }

    private static boolean removeFrom(ConcurrentHashMap<String, List<ChatConnection>> index, String key,
                                      ChatConnection connection) {
        boolean[] removed = new boolean[1];
        index.computeIfPresent(key, (ignored, connections) -> {
            if (!connections.contains(connection)) {
                return connections;
            }
            removed[0] = true;
            List<ChatConnection> rest = connections.stream().filter(other -> !other.equals(connection)).toList();
            return rest.isEmpty() ? null : rest;
        });
        return removed[0];
    }

    /** The user's connections now (a snapshot: later ones are not in it). */
    public List<ChatConnection> of(String userId) {
        return byUser.getOrDefault(userId, List.of());
    }

    /** A snapshot: the caller may close (and so remove) them while going through it. */
    List<ChatConnection> ofToken(String tokenId) {
        return byToken.getOrDefault(tokenId, List.of());
    }

    /** The ids of the tokens live connections were opened with (those that have one). */
    List<String> tokenIds() {
        return List.copyOf(byToken.keySet());
    }

    public List<ChatConnection> all() {
        return byUser.values().stream().flatMap(List::stream).toList();
    }

    /** Closes every connection with {@code reason} (each close removes it; one failing does not stop the rest). */
    public void closeAll(CloseReason reason) {
        for (ChatConnection connection : all()) {
            connection.close(reason);
        }
    }

    public int count() {
        return byUser.values().stream().mapToInt(List::size).sum();
    }
}
