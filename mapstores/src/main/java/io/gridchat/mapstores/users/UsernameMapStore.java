package io.gridchat.mapstores.users;

import io.gridchat.mapstores.RowMapper;
import io.gridchat.mapstores.ShardedMapStore;
import io.gridchat.mapstores.TableQueries;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Map {@code usernames}: lower-cased username to userId, table {@code usernames}, sharded by the lower-cased
 * username (a key that is not lower-case still lands on the shard of its lower-case form). Created by
 * Hazelcast through the no-arg constructor; see {@link ShardedMapStore} for threads and batching.
 */
public final class UsernameMapStore extends ShardedMapStore<String, String> {
    public UsernameMapStore() {
        super(new Rows());
    }

    private static final class Rows implements RowMapper<String, String> {
        @Override
        public TableQueries table() {
            return UsernameQueries.USERNAMES;
        }

        @Override
        public String routingKey(String username) {
            return username.toLowerCase(Locale.ROOT);
        }

        @Override
        public Object[] keyColumns(String username) {
            return new Object[] {username};
        }

        @Override
        public Object[] valueColumns(String userId) {
            return new Object[] {userId};
        }

        @Override
        public String readKey(ResultSet row) throws SQLException {
            return row.getString("username");
        }

        @Override
        public String readValue(ResultSet row) throws SQLException {
            return row.getString("user_id");
        }
    }
}
