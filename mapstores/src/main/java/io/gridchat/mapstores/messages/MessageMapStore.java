package io.gridchat.mapstores.messages;

import io.gridchat.mapstores.RowMapper;
import io.gridchat.mapstores.ShardedMapStore;
import io.gridchat.mapstores.TableQueries;
import io.gridchat.model.ChatMessage;
import io.gridchat.model.MessageKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.ObjLongConsumer;

/**
 * Map {@code messages}: {@link MessageKey} to {@link ChatMessage}, table {@code messages}, sharded by roomId.
 * The hot store: write-behind hands it batches that it writes per shard in one transaction of multi-row
 * upserts (up to {@code rows-per-statement}, default 500, rows each), so a batch retried after a crash writes
 * nothing twice. Created by Hazelcast through the no-arg constructor; see {@link ShardedMapStore} for threads.
 */
public final class MessageMapStore extends ShardedMapStore<MessageKey, ChatMessage> {
    private final ObjLongConsumer<String> onStored;

    public MessageMapStore() {
        this((roomId, seq) -> { });
    }

    /** @param onStored told (room, seq) of every message once MySQL committed it */
    public MessageMapStore(ObjLongConsumer<String> onStored) {
        super(new Rows());
        this.onStored = onStored;
    }

    @Override
    protected void stored(List<MessageKey> keys) {
        for (MessageKey key : keys) {
            onStored.accept(key.roomId(), key.seq());
        }
    }

    private static final class Rows implements RowMapper<MessageKey, ChatMessage> {
        @Override
        public TableQueries table() {
            return MessageQueries.MESSAGES;
        }

        @Override
        public String routingKey(MessageKey key) {
            return key.roomId();
        }

        @Override
        public Object[] keyColumns(MessageKey key) {
            return new Object[] {key.roomId(), key.seq()};
        }

        @Override
        public Object[] valueColumns(ChatMessage message) {
            return new Object[] {message.msgId(), message.from(), message.text(), message.ts(), message.clientMsgId()};
        }

        @Override
        public MessageKey readKey(ResultSet row) throws SQLException {
            return new MessageKey(row.getString("room_id"), row.getLong("seq"));
        }

        @Override
        public ChatMessage readValue(ResultSet row) throws SQLException {
            return MessageQueries.readMessage(row);
        }
    }
}
