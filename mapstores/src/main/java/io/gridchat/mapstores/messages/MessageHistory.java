package io.gridchat.mapstores.messages;

import io.gridchat.mapstores.MapStoreException;
import io.gridchat.mapstores.ShardPools;
import io.gridchat.model.ChatMessage;
import io.gridchat.model.MapNames;
import io.gridchat.model.processor.MessageArchive;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** {@link MessageArchive} over the sharded {@code messages} table: one range query on the room's shard. */
public final class MessageHistory implements MessageArchive {
    private final ShardPools pools;

    public MessageHistory(ShardPools pools) {
        this.pools = pools;
    }

    @Override
    public List<ChatMessage> range(String roomId, long low, long high) {
        int shard = pools.router().shardOf(roomId);
        try (Connection connection = pools.shard(shard).getConnection();
             PreparedStatement select = connection.prepareStatement(MessageQueries.RANGE)) {
            select.setString(1, roomId);
            select.setLong(2, low);
            select.setLong(3, high);
            List<ChatMessage> messages = new ArrayList<>((int) Math.min(high - low + 1, 1024));
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    messages.add(MessageQueries.readMessage(row));
                }
            }
            return messages;
        } catch (SQLException e) {
            throw MapStoreException.wrap(MapNames.MESSAGES, shard, "read " + (high - low + 1) + " messages", e);
        }
    }
}
