package io.gridchat.mapstores.reads;

import io.gridchat.mapstores.RowMapper;
import io.gridchat.mapstores.ShardedMapStore;
import io.gridchat.mapstores.TableQueries;
import io.gridchat.model.MemberKey;
import io.gridchat.model.ReadPosition;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Map {@code read-positions}: {@link MemberKey} to {@link ReadPosition}, table {@code read_positions}, sharded by
 * roomId. The grid only ever moves positions forward, so the last value written is the highest. Created by
 * Hazelcast through the no-arg constructor; see {@link ShardedMapStore} for threads and batching.
 */
public final class ReadPositionMapStore extends ShardedMapStore<MemberKey, ReadPosition> {
    static final TableQueries READ_POSITIONS = new TableQueries("read_positions", List.of("room_id", "user_id"),
            List.of("seq", "delivered_seq", "updated_at"));

    public ReadPositionMapStore() {
        super(new Rows());
    }

    private static final class Rows implements RowMapper<MemberKey, ReadPosition> {
        @Override
        public TableQueries table() {
            return READ_POSITIONS;
        }

        @Override
        public String routingKey(MemberKey key) {
            return key.roomId();
        }

        @Override
        public Object[] keyColumns(MemberKey key) {
            return new Object[] {key.roomId(), key.userId()};
        }

        @Override
        public Object[] valueColumns(ReadPosition position) {
            return new Object[] {position.seq(), position.deliveredSeq(), position.updatedAt()};
        }

        @Override
        public MemberKey readKey(ResultSet row) throws SQLException {
            return new MemberKey(row.getString("room_id"), row.getString("user_id"));
        }

        @Override
        public ReadPosition readValue(ResultSet row) throws SQLException {
            return new ReadPosition(row.getString("room_id"), row.getString("user_id"), row.getLong("seq"),
                    row.getLong("delivered_seq"), row.getLong("updated_at"));
        }
    }
}
