package io.gridchat.mapstores.rooms;

import io.gridchat.mapstores.ShardedMapLoader;
import io.gridchat.model.Roster;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loader of map {@code rosters}: roomId to {@link Roster}, the user ids of the room's rows in
 * {@code memberships} ordered by joined_at then user_id; null for a room without members. The grid writes
 * rosters only in memory (they are derived); the memberships map persists. Created by Hazelcast through the
 * no-arg constructor; see {@link ShardedMapLoader} for threads.
 */
public final class RosterMapLoader extends ShardedMapLoader<String, Roster> {
    @Override
    protected String routingKey(String roomId) {
        return roomId;
    }

    @Override
    protected void readChunk(Connection connection, List<String> roomIds, Map<String, Roster> found)
            throws SQLException {
        Map<String, List<String>> members = new LinkedHashMap<>();
        try (PreparedStatement statement = MembershipQueries.rosters(roomIds).prepare(connection);
             ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                members.computeIfAbsent(row.getString(1), room -> new ArrayList<>()).add(row.getString(2));
            }
        }
        members.forEach((roomId, userIds) -> found.put(roomId, new Roster(roomId, userIds)));
    }
}
