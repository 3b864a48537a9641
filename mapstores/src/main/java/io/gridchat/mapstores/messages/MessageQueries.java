package io.gridchat.mapstores.messages;

import io.gridchat.mapstores.BoundSql;
import io.gridchat.mapstores.TableQueries;
import io.gridchat.model.ChatMessage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** SQL of the {@code messages} table (see schema.sql): the map's statements and the room logs' query. */
final class MessageQueries {
    static final TableQueries MESSAGES = new TableQueries("messages", List.of("room_id", "seq"),
            List.of("msg_id", "sender_id", "text", "ts", "client_msg_id"));

    /** One room's messages in a seq range, oldest first: a primary-key range scan. */
    static final String RANGE = "SELECT room_id, seq, msg_id, sender_id, text, ts, client_msg_id FROM messages"
            + " WHERE room_id = ? AND seq BETWEEN ? AND ? ORDER BY seq";

    private MessageQueries() {
    }

    static ChatMessage readMessage(ResultSet row) throws SQLException {
        return new ChatMessage(row.getString("room_id"), row.getLong("seq"), row.getString("msg_id"),
                row.getString("sender_id"), row.getString("text"), row.getLong("ts"), row.getString("client_msg_id"));
    }

    /**
     * Seq and ts of each room's newest message; rooms without messages give no row. The inner MAX(seq) is read
     * from the primary key (one index dive per room) and the join fetches that one row, so the cost does not
     * grow with the room's history. Its ts is the room's MAX(ts): the grid accepts a message with
     * {@code ts = max(now, lastTs)}, so ts never decreases as seq grows.
     */
    static BoundSql newestPerRoom(List<String> roomIds) {
        return new BoundSql("SELECT m.room_id, m.seq, m.ts FROM messages m JOIN ("
                + "SELECT room_id, MAX(seq) AS seq FROM messages WHERE room_id IN ("
                + TableQueries.placeholders(roomIds.size()) + ") GROUP BY room_id"
                + ") newest ON m.room_id = newest.room_id AND m.seq = newest.seq", new ArrayList<>(roomIds));
    }
}
