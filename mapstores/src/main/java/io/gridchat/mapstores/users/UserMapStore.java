package io.gridchat.mapstores.users;

import io.gridchat.mapstores.RowMapper;
import io.gridchat.mapstores.ShardedMapStore;
import io.gridchat.mapstores.TableQueries;
import io.gridchat.model.User;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Map {@code users}: userId to {@link User}, table {@code users}, sharded by userId. Created by Hazelcast
 * through the no-arg constructor; see {@link ShardedMapStore} for threads and batching.
 */
public final class UserMapStore extends ShardedMapStore<String, User> {
    public UserMapStore() {
        super(new Rows());
    }

    private static final class Rows implements RowMapper<String, User> {
        @Override
        public TableQueries table() {
            return UserQueries.USERS;
        }

        @Override
        public String routingKey(String userId) {
            return userId;
        }

        @Override
        public Object[] keyColumns(String userId) {
            return new Object[] {userId};
        }

        @Override
        public Object[] valueColumns(User user) {
            return new Object[] {user.username(), user.displayName(), user.passwordHash(), user.createdAt()};
        }

        @Override
        public String readKey(ResultSet row) throws SQLException {
            return row.getString("user_id");
        }

        @Override
        public User readValue(ResultSet row) throws SQLException {
            return new User(row.getString("user_id"), row.getString("username"), row.getString("display_name"),
                    row.getString("password_hash"), row.getLong("created_at"));
        }
    }
}
