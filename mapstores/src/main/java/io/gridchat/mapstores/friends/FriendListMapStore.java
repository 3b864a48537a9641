package io.gridchat.mapstores.friends;

import io.gridchat.mapstores.RowMapper;
import io.gridchat.mapstores.ShardedMapStore;
import io.gridchat.mapstores.TableQueries;
import io.gridchat.model.FriendList;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * Map {@code friends}: userId to {@link FriendList}, one row per user in table {@code friend_lists}, sharded by
 * userId; the ids are one text column, one per line (ids hold no newline). Created by Hazelcast through the
 * no-arg constructor; see {@link ShardedMapStore} for threads and batching.
 */
public final class FriendListMapStore extends ShardedMapStore<String, FriendList> {
    static final TableQueries FRIEND_LISTS = new TableQueries("friend_lists", List.of("user_id"),
            List.of("friend_ids"));

    public FriendListMapStore() {
        super(new Rows());
    }

    private static final class Rows implements RowMapper<String, FriendList> {
        @Override
        public TableQueries table() {
            return FRIEND_LISTS;
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
        public Object[] valueColumns(FriendList friends) {
            return new Object[] {String.join("\n", friends.friendIds())};
        }

        @Override
        public String readKey(ResultSet row) throws SQLException {
            return row.getString("user_id");
        }

        @Override
        public FriendList readValue(ResultSet row) throws SQLException {
            String ids = row.getString("friend_ids");
            return new FriendList(row.getString("user_id"), ids.isEmpty() ? List.of() : Arrays.asList(ids.split("\n")));
        }
    }
}
