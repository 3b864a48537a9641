package io.gridchat.mapstores.friends;

import io.gridchat.mapstores.RowMapper;
import io.gridchat.mapstores.ShardedMapStore;
import io.gridchat.mapstores.TableQueries;
import io.gridchat.model.FriendRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Map {@code friend-requests}: requestId to a pending {@link FriendRequest}, table {@code friend_requests},
 * sharded by requestId; an accepted request is deleted. Created by Hazelcast through the no-arg constructor;
 * see {@link ShardedMapStore} for threads and batching.
 */
public final class FriendRequestMapStore extends ShardedMapStore<String, FriendRequest> {
    static final TableQueries FRIEND_REQUESTS = new TableQueries("friend_requests", List.of("request_id"),
            List.of("from_user_id", "to_user_id", "created_at"));

    public FriendRequestMapStore() {
        super(new Rows());
    }

    private static final class Rows implements RowMapper<String, FriendRequest> {
        @Override
        public TableQueries table() {
            return FRIEND_REQUESTS;
        }

        @Override
        public String routingKey(String requestId) {
            return requestId;
        }

        @Override
        public Object[] keyColumns(String requestId) {
            return new Object[] {requestId};
        }

        @Override
        public Object[] valueColumns(FriendRequest request) {
            return new Object[] {request.fromUserId(), request.toUserId(), request.createdAt()};
        }

        @Override
        public String readKey(ResultSet row) throws SQLException {
            return row.getString("request_id");
        }

        @Override
        public FriendRequest readValue(ResultSet row) throws SQLException {
            return new FriendRequest(row.getString("request_id"), row.getString("from_user_id"),
                    row.getString("to_user_id"), row.getLong("created_at"));
        }
    }
}
