package io.gridchat.mapstores.messages;

import io.gridchat.mapstores.ShardedMapLoader;
import io.gridchat.model.RoomLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Loader of map {@code room-logs}: roomId to {@link RoomLog}(MAX(seq), MAX(ts)) of the room's rows in
 * {@code messages}; null for a room without messages, which the grid reads as {@link RoomLog#EMPTY}. The
 * counter itself is never written back: the messages are. Created by Hazelcast through the no-arg
 * constructor; see {@link ShardedMapLoader} for threads.
 */
public final class RoomLogMapLoader extends ShardedMapLoader<String, RoomLog> {
    @Override
    protected String routingKey(String roomId) {
        return roomId;
    }

    @Override
    protected void readChunk(Connection connection, List<String> roomIds, Map<String, RoomLog> found)
            throws SQLException {
        try (PreparedStatement statement = MessageQueries.newestPerRoom(roomIds).prepare(connection);
             ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                found.put(row.getString(1), RoomLog.loaded(row.getLong(2), row.getLong(3)));
            }
        }
    }
}
