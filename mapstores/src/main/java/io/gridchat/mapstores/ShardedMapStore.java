package io.gridchat.mapstores;

import com.hazelcast.map.MapStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
        Map<K, V> entries = new HashMap<>(map);
        batches().write("store", entries.keySet(), rows::routingKey, (connection, chunk) -> {
            List<Object[]> tuples = new ArrayList<>(chunk.size());
            for (K key : chunk) {
                tuples.add(concat(rows.keyColumns(key), rows.valueColumns(entries.get(key))));
            }
            try (PreparedStatement statement = rows.table().upsert(tuples).prepare(connection)) {
                statement.executeUpdate();
            }
        }, committed -> forget(map.keySet(), committed));
    }

    @Override
    public void delete(K key) {
        deleteAll(new ArrayList<>(List.of(key)));
    }

    /** Deletes the rows, each shard's in one transaction; on failure {@code keys} keeps only the undeleted. */
    @Override
    public void deleteAll(Collection<K> keys) {
        batches().write("delete", new ArrayList<>(keys), rows::routingKey, (connection, chunk) -> {
            try (PreparedStatement statement = rows.table().delete(keyTuples(chunk)).prepare(connection)) {
                statement.executeUpdate();
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

    private List<Object[]> keyTuples(List<K> keys) {
        List<Object[]> tuples = new ArrayList<>(keys.size());
        for (K key : keys) {
            tuples.add(rows.keyColumns(key));
        }
        return tuples;
    }

    private static Object[] concat(Object[] keyColumns, Object[] valueColumns) {
        Object[] row = new Object[keyColumns.length + valueColumns.length];
        System.arraycopy(keyColumns, 0, row, 0, keyColumns.length);
        System.arraycopy(valueColumns, 0, row, keyColumns.length, valueColumns.length);
        return row;
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
