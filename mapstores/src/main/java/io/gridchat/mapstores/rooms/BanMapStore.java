package io.gridchat.mapstores.rooms;

import io.gridchat.mapstores.RowMapper;
import io.gridchat.mapstores.ShardedMapStore;
import io.gridchat.mapstores.TableQueries;
import io.gridchat.model.Ban;
import io.gridchat.model.MemberKey;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Map {@code room-bans}: {@link MemberKey} to {@link Ban}, table {@code room_bans}, sharded by roomId (like
 * memberships, so a room's bans live in its shard). See {@link ShardedMapStore} for threads and batching.
 */
public final class BanMapStore extends ShardedMapStore<MemberKey, Ban> {
    public BanMapStore() {
        super(new Rows());
    }

    private static final class Rows implements RowMapper<MemberKey, Ban> {
        @Override
        public TableQueries table() {
            return RoomQueries.BANS;
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
        public Object[] valueColumns(Ban ban) {
            return new Object[] {ban.bannedBy(), ban.bannedAt()};
        }

        @Override
        public MemberKey readKey(ResultSet row) throws SQLException {
            return new MemberKey(row.getString("room_id"), row.getString("user_id"));
        }

        @Override
        public Ban readValue(ResultSet row) throws SQLException {
            return new Ban(row.getString("room_id"), row.getString("user_id"), row.getString("banned_by"),
                    row.getLong("banned_at"));
        }
    }
}
