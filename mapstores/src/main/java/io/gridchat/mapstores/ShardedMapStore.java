package io.gridchat.mapstores;

import com.hazelcast.map.MapStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * A MapStore over one sharded table, described by a {@link RowMapper}: writes are idempotent multi-row upserts
 * with each shard's share in one transaction, so a batch retried after a crash writes nothing twice; deletes
 * really delete; loads are one query per shard. Hazelcast creates one instance per map and member and calls it
 * from partition and write-behind threads; thread-safe once {@code init} has run.
 *
 * @param <K> map key
 * @param <V> map value
 */
public abstract class ShardedMapStore<K, V> extends ShardedMapLoader<K, V> implements MapStore<K, V> {
    private final RowMapper<K, V> rows;

    protected ShardedMapStore(RowMapper<K, V> rows) {
        this.rows = rows;
    }

    @Override
    public void store(K key, V value) {
        storeAll(new HashMap<>(Map.of(key, value)));
    }

    /**
     * Upserts the entries, each shard's in one transaction. On failure the entries of the shards that committed
     * are gone from {@code map}, so Hazelcast's one-by-one retry redoes only the rest; the exception is thrown.
     */
    @Override
    public void storeAll(Map<K, V> map) {
        // Snapshots of the entries: the shard writers read them while committed keys are removed from map.
        List<Map.Entry<K, V>> entries = new ArrayList<>(map.size());
        for (Map.Entry<K, V> entry : map.entrySet()) {
            entries.add(new AbstractMap.SimpleImmutableEntry<>(entry.getKey(), entry.getValue()));
        }
        batches().write("store", entries, entry -> rows.routingKey(entry.getKey()), this::upsert, committed -> {
            List<K> keys = keysOf(committed);
            forget(map.keySet(), keys);
            stored(keys);
        });
    }

    /**
     * Upserts one shard's chunks. A statement is prepared once per row count and shard transaction, not per
     * chunk: the full-size one serves most chunks, and each prepare and close of a cached server-side statement
     * resets every one of its parameters (thousands for a full chunk). The SQL text is cached per row count;
     * parameters are bound straight from the entries.
     */
    private void upsert(Connection connection, List<List<Map.Entry<K, V>>> chunks) throws SQLException {
        TableQueries table = rows.table();
        PreparedStatement statement = null;
        int preparedRows = 0;
        try {
            for (List<Map.Entry<K, V>> chunk : chunks) {
                if (chunk.size() != preparedRows) {
                    if (statement != null) {
                        statement.close();
                    }
                    statement = connection.prepareStatement(table.upsertSql(chunk.size()));
                    preparedRows = chunk.size();
                }
                int index = 1;
                for (Map.Entry<K, V> entry : chunk) {
                    index = bindAll(statement, index, rows.keyColumns(entry.getKey()));
                    index = bindAll(statement, index, rows.valueColumns(entry.getValue()));
                }
                if (index - 1 != chunk.size() * table.width()) {
                    throw new IllegalArgumentException(table.table() + " rows have " + table.width()
                            + " columns, but " + (index - 1) + " values were given for " + chunk.size() + " rows");
                }
                statement.executeUpdate();
            }
        } finally {
            if (statement != null) {
                statement.close();
            }
        }
    }

    /** Told the keys of each shard's share of a batch once it committed; from the store worker's thread. */
    protected void stored(List<K> keys) {
    }

    private static int bindAll(PreparedStatement statement, int index, Object[] values) throws SQLException {
        for (Object value : values) {
            BoundSql.bind(statement, index++, value);
        }
        return index;
    }

    private static <K, V> List<K> keysOf(List<Map.Entry<K, V>> entries) {
        List<K> keys = new ArrayList<>(entries.size());
        for (Map.Entry<K, V> entry : entries) {
            keys.add(entry.getKey());
        }
        return keys;
    }

    @Override
    public void delete(K key) {
        deleteAll(new ArrayList<>(List.of(key)));
    }

    /** Deletes the rows, each shard's in one transaction; on failure {@code keys} keeps only the undeleted. */
    @Override
    public void deleteAll(Collection<K> keys) {
        batches().write("delete", new ArrayList<>(keys), rows::routingKey, (connection, chunks) -> {
            for (List<K> chunk : chunks) {
                try (PreparedStatement statement = rows.table().delete(keyTuples(chunk)).prepare(connection)) {
                    statement.executeUpdate();
                }
            }
        }, committed -> forget(keys, committed));
    }

    @Override
    protected final String routingKey(K key) {
        return rows.routingKey(key);
    }

    @Override
    protected final void readChunk(Connection connection, List<K> chunk, Map<K, V> found) throws SQLException {
        try (PreparedStatement statement = rows.table().select(keyTuples(chunk)).prepare(connection);
             ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                found.put(rows.readKey(row), rows.readValue(row));
            }
        }
    }

    @Override
    protected final void readKeys(Connection connection, List<K> keys) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT "
                + String.join(", ", rows.table().keyColumns()) + " FROM " + rows.table().table());
             ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                keys.add(rows.readKey(row));
            }
        }
    }

    private List<Object[]> keyTuples(List<K> keys) {
        List<Object[]> tuples = new ArrayList<>(keys.size());
        for (K key : keys) {
            tuples.add(rows.keyColumns(key));
        }
        return tuples;
    }

    /** Reports committed keys back to Hazelcast by removing them; a caller's immutable collection stays as is. */
    private static <K> void forget(Collection<K> target, List<K> committed) {
        try {
            target.removeAll(new HashSet<>(committed));
        } catch (UnsupportedOperationException immutable) {
            // Not Hazelcast's batch (whose collections are mutable): nobody retries from it.
        }
    }
}
