package io.gridchat.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** All live connections of one user, over all edge nodes. */
public record UserSessions(String userId, List<Connection> connections) {
    public UserSessions {
        connections = List.copyOf(connections);
    }

    public UserSessions with(Connection connection) {
        List<Connection> next = new ArrayList<>(connections.size() + 1);
        for (Connection existing : connections) {
            if (!existing.connectionId().equals(connection.connectionId())) {
                next.add(existing);
            }
        }
        next.add(connection);
        return new UserSessions(userId, next);
    }

    public UserSessions without(String connectionId) {
        return keeping(connection -> !connection.connectionId().equals(connectionId));
    }

    /** Drops every connection held by one edge node (that node stopped). */
    public UserSessions withoutEdge(String edgeId) {
        return keeping(connection -> !connection.edgeId().equals(edgeId));
    }

    private UserSessions keeping(Predicate<Connection> keep) {
        List<Connection> next = new ArrayList<>(connections.size());
        for (Connection existing : connections) {
            if (keep.test(existing)) {
                next.add(existing);
            }
        }
        return new UserSessions(userId, next);
    }

    /**
     * The users of {@code sessions} grouped by the edge node holding their connections, in the order given;
     * how deliveries and room events find their way.
     */
    public static Map<String, List<String>> byEdge(Iterable<UserSessions> sessions) {
        Map<String, Set<String>> usersByEdge = new LinkedHashMap<>();
        for (UserSessions userSessions : sessions) {
            for (Connection connection : userSessions.connections()) {
                usersByEdge.computeIfAbsent(connection.edgeId(), edge -> new LinkedHashSet<>())
                        .add(userSessions.userId());
            }
        }
        Map<String, List<String>> result = new LinkedHashMap<>();
        usersByEdge.forEach((edgeId, userIds) -> result.put(edgeId, List.copyOf(userIds)));
        return result;
    }
}
