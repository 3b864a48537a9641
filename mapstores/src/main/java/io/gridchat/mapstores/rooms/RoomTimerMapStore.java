package io.gridchat.mapstores.rooms;

import io.gridchat.mapstores.RowMapper;
import io.gridchat.mapstores.ShardedMapStore;
import io.gridchat.mapstores.TableQueries;
import io.gridchat.model.RoomTimer;
import io.gridchat.model.TimerState;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Map {@code room-timers}: roomId to {@link RoomTimer}, table {@code room_timers}, sharded by roomId; the state
 * is stored by {@code name()}. See {@link ShardedMapStore} for threads and batching.
 */
public final class RoomTimerMapStore extends ShardedMapStore<String, RoomTimer> {
    public RoomTimerMapStore() {
        super(new Rows());
    }

    private static final class Rows implements RowMapper<String, RoomTimer> {
        @Override
        public TableQueries table() {
            return RoomQueries.TIMERS;
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
        public Object[] valueColumns(RoomTimer timer) {
            return new Object[] {RowMapper.enumName(timer.state()), timer.durationMs(), timer.endsAt(),
                    timer.remainingMs(), timer.changedBy(), timer.changedAt()};
        }

        @Override
        public String readKey(ResultSet row) throws SQLException {
            return row.getString("room_id");
        }

        @Override
        public RoomTimer readValue(ResultSet row) throws SQLException {
            return new RoomTimer(row.getString("room_id"), RowMapper.enumColumn(row, "state", TimerState.class),
                    row.getLong("duration_ms"), row.getLong("ends_at"), row.getLong("remaining_ms"),
                    row.getString("changed_by"), row.getLong("changed_at"));
        }
    }
}
