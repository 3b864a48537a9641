package io.gridchat.mapstores.rooms;

import io.gridchat.mapstores.RowMapper;
import io.gridchat.mapstores.ShardedMapStore;
import io.gridchat.mapstores.TableQueries;
import io.gridchat.model.Room;
import io.gridchat.model.RoomKind;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Map {@code rooms}: roomId to {@link Room}, table {@code rooms}, sharded by roomId; the kind is stored by
 * {@code name()}. Created by Hazelcast through the no-arg constructor; see {@link ShardedMapStore} for
 * threads and batching.
 */
public final class RoomMapStore extends ShardedMapStore<String, Room> {
    public RoomMapStore() {
        super(new Rows());
    }

    private static final class Rows implements RowMapper<String, Room> {
        @Override
        public TableQueries table() {
            return RoomQueries.ROOMS;
        }

        @Override
        public String routingKey(String roomId) {
            return roomId;
        }

        @Override
        public Object[] keyColumns(String roomId) {
            return new Object[] {roomId};
        }

        @Override
        public Object[] valueColumns(Room room) {
            return new Object[] {room.name(), RowMapper.enumName(room.kind()), room.topic(), room.capacity(),
                    room.ownerId(), room.createdAt()};
        }

        @Override
        public String readKey(ResultSet row) throws SQLException {
            return row.getString("room_id");
        }

        @Override
        public Room readValue(ResultSet row) throws SQLException {
            return new Room(row.getString("room_id"), row.getString("name"),
                    RowMapper.enumColumn(row, "kind", RoomKind.class), row.getString("topic"), row.getInt("capacity"),
                    row.getString("owner_id"), row.getLong("created_at"));
        }
    }
}
