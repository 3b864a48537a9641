package io.gridchat.bench.load;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Counts the stored messages of this run's rooms over every MySQL shard: a room's messages live in one
 * shard, so the sum over shards counts each once. One JDBC connection per shard, held while polling.
 * Not thread-safe: the generator's main thread uses it.
 */
final class StoredCounter implements AutoCloseable {
    /** Room ids per statement, well below any placeholder limit. */
    private static final int ROOMS_PER_QUERY = 500;

    private final List<Connection> shards;
    private final List<List<String>> roomBatches = new ArrayList<>();

    private StoredCounter(List<Connection> shards, List<String> roomIds) {
        this.shards = shards;
        for (int from = 0; from < roomIds.size(); from += ROOMS_PER_QUERY) {
            roomBatches.add(roomIds.subList(from, Math.min(roomIds.size(), from + ROOMS_PER_QUERY)));
        }
    }

    static StoredCounter open(List<String> urls, String user, String password, List<String> roomIds) {
        List<Connection> shards = new ArrayList<>();
        try {
            for (String url : urls) {
                shards.add(DriverManager.getConnection(url, user, password));
            }
        } catch (SQLException e) {
            shards.forEach(StoredCounter::closeQuietly);
            throw new IllegalStateException("could not connect to the MySQL shards " + urls + ": " + e.getMessage(), e);
        }
        return new StoredCounter(shards, roomIds);
    }

    /** Stored messages of the rooms, summed over the shards. */
    long count() {
        long total = 0;
        try {
            for (Connection shard : shards) {
                for (List<String> rooms : roomBatches) {
                    total += count(shard, rooms);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("counting stored messages failed: " + e.getMessage(), e);
        }
        return total;
    }

    private static long count(Connection shard, List<String> rooms) throws SQLException {
        String placeholders = String.join(",", Collections.nCopies(rooms.size(), "?"));
        try (PreparedStatement query = shard.prepareStatement(
                "SELECT COUNT(*) FROM messages WHERE room_id IN (" + placeholders + ")")) {
            for (int i = 0; i < rooms.size(); i++) {
                query.setString(i + 1, rooms.get(i));
            }
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    @Override
    public void close() {
        shards.forEach(StoredCounter::closeQuietly);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // the count is taken; a failed close only leaks a connection of a process about to exit
        }
    }
}
