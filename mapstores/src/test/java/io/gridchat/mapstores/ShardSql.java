package io.gridchat.mapstores;

import io.gridchat.config.MysqlSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Direct SQL against one shard for assertions: what is really in the table, whatever the stores say. */
public final class ShardSql {
    private ShardSql() {
    }

    /** The single number {@code sql} selects. */
    public static long count(DataSource shard, String sql, Object... parameters) {
        try (Connection connection = shard.getConnection();
             PreparedStatement statement = new BoundSql(sql, List.of(parameters)).prepare(connection);
             ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql, e);
        }
    }

    /** The first column of every row {@code sql} selects, as strings. */
    public static List<String> strings(DataSource shard, String sql, Object... parameters) {
        try (Connection connection = shard.getConnection();
             PreparedStatement statement = new BoundSql(sql, List.of(parameters)).prepare(connection);
             ResultSet row = statement.executeQuery()) {
            List<String> values = new ArrayList<>();
            while (row.next()) {
                values.add(row.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql, e);
        }
    }

    /** Runs an update; returns the rows it changed. */
    public static int update(DataSource shard, String sql, Object... parameters) {
        try (Connection connection = shard.getConnection();
             PreparedStatement statement = new BoundSql(sql, List.of(parameters)).prepare(connection)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql, e);
        }
    }

    /** The seqs of {@code room} in the messages table of the given shard URLs, ascending. */
    public static List<Long> messageSeqs(MysqlSettings mysql, List<String> shardUrls, String room) {
        List<Long> seqs = new ArrayList<>();
        for (String shard : shardUrls) {
            try (Connection connection = DriverManager.getConnection(shard, mysql.user(), mysql.password());
                 PreparedStatement select = connection.prepareStatement(
                         "SELECT seq FROM messages WHERE room_id = ? ORDER BY seq")) {
                select.setString(1, room);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        seqs.add(rows.getLong(1));
                    }
                }
            } catch (SQLException e) {
                throw new AssertionError("could not read shard " + shard, e);
            }
        }
        seqs.sort(null);
        return seqs;
    }

    /** The number {@code sql} selects, summed over every shard. */
    public static long countAll(ShardPools pools, String sql, Object... parameters) {
        long total = 0;
        for (int shard = 0; shard < pools.shardCount(); shard++) {
            total += count(pools.shard(shard), sql, parameters);
        }
        return total;
    }

    /** Rows of {@code table} summed over every shard. */
    public static long totalRows(ShardPools pools, String table) {
        return countAll(pools, "SELECT COUNT(*) FROM " + table);
    }
}
