package io.gridchat.mapstores.offline;

import io.gridchat.mapstores.RowMapper;
import io.gridchat.mapstores.ShardedMapStore;
import io.gridchat.mapstores.TableQueries;
import io.gridchat.model.OfflineMark;
import io.gridchat.model.OfflineMarks;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Map {@code offline}: userId to {@link OfflineMarks}, one row per user in table {@code offline_marks},
 * sharded by userId. The marks are one text column, a line {@code roomId,fromSeq,lastSeq} per room (room ids
 * hold neither commas nor newlines). Created by Hazelcast through the no-arg constructor; see
 * {@link ShardedMapStore} for threads and batching.
 */
public final class OfflineMapStore extends ShardedMapStore<String, OfflineMarks> {
    static final TableQueries OFFLINE_MARKS = new TableQueries("offline_marks", List.of("user_id"),
            List.of("marks"));

    public OfflineMapStore() {
        super(new Rows());
    }

    static String encode(List<OfflineMark> marks) {
        StringBuilder text = new StringBuilder();
        for (OfflineMark mark : marks) {
            text.append(mark.roomId()).append(',').append(mark.fromSeq()).append(',').append(mark.lastSeq())
                    .append('\n');
        }
        return text.toString();
    }

    static List<OfflineMark> decode(String text) throws SQLDataException {
        List<OfflineMark> marks = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split(",");
            try {
                marks.add(new OfflineMark(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2])));
            } catch (RuntimeException e) {
                throw new SQLDataException("offline_marks holds a malformed line '" + line + "'", e);
            }
        }
        return marks;
    }

    private static final class Rows implements RowMapper<String, OfflineMarks> {
        @Override
        public TableQueries table() {
            return OFFLINE_MARKS;
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
        public Object[] valueColumns(OfflineMarks value) {
            return new Object[] {encode(value.marks())};
        }

        @Override
        public String readKey(ResultSet row) throws SQLException {
            return row.getString("user_id");
        }

        @Override
        public OfflineMarks readValue(ResultSet row) throws SQLException {
            return new OfflineMarks(row.getString("user_id"), decode(row.getString("marks")));
        }
    }
}
