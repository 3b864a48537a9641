package io.gridchat.model;

import java.util.ArrayList;
import java.util.List;

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
        List<Connection> next = new ArrayList<>(connections.size());
        for (Connection existing : connections) {
            if (!existing.connectionId().equals(connectionId)) {
                next.add(existing);
            }
        }
        return new UserSessions(userId, next);
    }

    /** Drops every connection held by one edge node (that node stopped). */
    public UserSessions withoutEdge(String edgeId) {
        List<Connection> next = new ArrayList<>(connections.size());
        for (Connection existing : connections) {
            if (!existing.edgeId().equals(edgeId)) {
                next.add(existing);
            }
        }
        return new UserSessions(userId, next);
    }
}
