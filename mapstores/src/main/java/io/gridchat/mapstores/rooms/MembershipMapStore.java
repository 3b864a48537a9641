package io.gridchat.mapstores.rooms;

import io.gridchat.mapstores.RowMapper;
import io.gridchat.mapstores.ShardedMapStore;
import io.gridchat.mapstores.TableQueries;
import io.gridchat.model.MemberKey;
import io.gridchat.model.Membership;
import io.gridchat.model.Role;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Map {@code members}: {@link MemberKey} to {@link Membership}, table {@code memberships}, sharded by roomId;
 * the role is stored by {@code name()}. Created by Hazelcast through the no-arg constructor; see
 * {@link ShardedMapStore} for threads and batching.
 */
public final class MembershipMapStore extends ShardedMapStore<MemberKey, Membership> {
    public MembershipMapStore() {
        super(new Rows());
    }

    private static final class Rows implements RowMapper<MemberKey, Membership> {
        @Override
        public TableQueries table() {
            return MembershipQueries.MEMBERSHIPS;
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
        public Object[] valueColumns(Membership membership) {
            return new Object[] {RowMapper.enumName(membership.role()), membership.joinedAt()};
        }

        @Override
        public MemberKey readKey(ResultSet row) throws SQLException {
            return new MemberKey(row.getString("room_id"), row.getString("user_id"));
        }

        @Override
        public Membership readValue(ResultSet row) throws SQLException {
            return new Membership(row.getString("room_id"), row.getString("user_id"),
                    RowMapper.enumColumn(row, "role", Role.class), row.getLong("joined_at"));
        }
    }
}
