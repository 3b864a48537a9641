package io.gridchat.bench.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads the stored messages of a scenario's rooms straight from every MySQL shard (table {@code messages}),
 * bypassing the grid. A fresh connection per read, so a read works whatever happened to earlier ones.
 */
final class MessageTable {
    /** One stored message. */
    record Row(String room, long seq, String msgId, String clientMsgId) {
    }

    private final List<String> shardUrls;
    private final String user;
    private final String password;
    private final List<String> rooms;

    MessageTable(List<String> shardUrls, String user, String password, List<String> rooms) {
        this.shardUrls = shardUrls;
        this.user = user;
        this.password = password;
        this.rooms = rooms;
    }

    /** Every stored message of the rooms, over all shards. */
    List<Row> read() throws SQLException {
        List<Row> rows = new ArrayList<>();
        String sql = "SELECT room_id, seq, msg_id, client_msg_id FROM messages WHERE room_id IN ("
                + String.join(",", Collections.nCopies(rooms.size(), "?")) + ")";
        for (String url : shardUrls) {
            try (Connection shard = DriverManager.getConnection(url, user, password);
                 PreparedStatement query = shard.prepareStatement(sql)) {
                for (int i = 0; i < rooms.size(); i++) {
                    query.setString(i + 1, rooms.get(i));
                }
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        rows.add(new Row(result.getString(1), result.getLong(2), result.getString(3),
                                result.getString(4)));
                    }
                }
            }
        }
        return rows;
    }
}
