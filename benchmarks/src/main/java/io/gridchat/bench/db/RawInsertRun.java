package io.gridchat.bench.db;

import io.gridchat.mapstores.ShardPools;
import io.gridchat.mapstores.ShardRouter;
import io.gridchat.model.ChatMessage;
import io.gridchat.model.GridchatException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;

/**
 * Phase (a), the best the database can do: one thread per shard, each on its own connection, writing its
 * shard's messages (routed as the MapStore routes them) in multi-row INSERTs of {@code batch} rows, one
 * transaction per statement. Full-size statements are prepared once per shard. Called from one thread.
 */
final class RawInsertRun {
    private static final String COLUMNS = "room_id, seq, msg_id, sender_id, text, ts, client_msg_id";
    private static final int WIDTH = 7;

    private RawInsertRun() {
    }

    /** Inserts every message and returns the seconds from the first statement to the last commit. */
    static double run(ShardPools pools, List<ChatMessage> messages, int batch) {
        List<List<ChatMessage>> byShard = byShard(pools.router(), messages);
        ExecutorService threads = Executors.newFixedThreadPool(byShard.size());
        try {
            long start = System.nanoTime();
            CompletableFuture<?>[] shards = new CompletableFuture<?>[byShard.size()];
            for (int shard = 0; shard < shards.length; shard++) {
                int current = shard;
                shards[shard] = CompletableFuture.runAsync(() ->
                        insert(current, pools.shard(current), byShard.get(current), batch), threads);
            }
            CompletableFuture.allOf(shards).join();
            return (System.nanoTime() - start) / 1e9;
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        } finally {
            threads.shutdownNow();
        }
    }

    private static List<List<ChatMessage>> byShard(ShardRouter router, List<ChatMessage> messages) {
        List<List<ChatMessage>> shards = new ArrayList<>();
        for (int shard = 0; shard < router.shardCount(); shard++) {
            shards.add(new ArrayList<>());
        }
        for (ChatMessage message : messages) {
            shards.get(router.shardOfRoom(message.roomId())).add(message);
        }
        return shards;
    }

    private static void insert(int shard, DataSource pool, List<ChatMessage> rows, int batch) {
        try (Connection connection = pool.getConnection();
             PreparedStatement full = connection.prepareStatement(insertSql(batch))) {
            connection.setAutoCommit(false);
            for (int from = 0; from < rows.size(); from += batch) {
                List<ChatMessage> chunk = rows.subList(from, Math.min(rows.size(), from + batch));
                if (chunk.size() == batch) {
                    write(full, chunk);
                } else {
                    try (PreparedStatement last = connection.prepareStatement(insertSql(chunk.size()))) {
                        write(last, chunk);
                    }
                }
                connection.commit();
            }
        } catch (SQLException e) {
            throw new GridchatException("raw insert into shard " + shard + " failed: " + e.getMessage(), e);
        }
    }

    private static void write(PreparedStatement statement, List<ChatMessage> chunk) throws SQLException {
        int column = 1;
        for (ChatMessage message : chunk) {
            statement.setString(column++, message.roomId());
            statement.setLong(column++, message.seq());
            statement.setString(column++, message.msgId());
            statement.setString(column++, message.from());
            statement.setString(column++, message.text());
            statement.setLong(column++, message.ts());
            statement.setString(column++, message.clientMsgId());
        }
        statement.executeUpdate();
    }

    private static String insertSql(int rows) {
        String tuple = "(" + String.join(", ", Collections.nCopies(WIDTH, "?")) + ")";
        return "INSERT INTO messages (" + COLUMNS + ") VALUES " + String.join(", ", Collections.nCopies(rows, tuple));
    }
}
