package io.gridchat.mapstores;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-shard batching every MapStore and MapLoader shares: keys grouped by shard; writes cut into statements
 * of at most {@code rowsPerStatement} rows, each shard's in one transaction; reads one query per shard (per
 * {@value #KEYS_PER_QUERY} keys, which is Hazelcast's default load chunk, so one query per shard in practice).
 * Writes go to all shards of a batch side by side (one writer thread per shard: the write-behind drain keeps
 * up with the shards, not with one of them); reads go shard after shard. A write whose shard cannot be reached
 * is retried with back-off (0.1 s doubling to 5 s) for {@code mysql.storeRetrySeconds}, only that shard's rows,
 * because Hazelcast's own fallback (every entry stored alone, three tries a second apart) would stall the map's
 * store worker for hours on a large batch. A failure names the map and the shard and is thrown, never
 * swallowed, so that Hazelcast's write-behind retries. Called on Hazelcast's
 * threads; thread-safe, holds no state but the pools.
 */
final class ShardBatches {
    static final int KEYS_PER_QUERY = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(ShardBatches.class);
    static final long FIRST_BACKOFF_MILLIS = 100;
    static final long MAX_BACKOFF_MILLIS = 5_000;
    private final ShardPools pools;
    private final String mapName;
    private final int rowsPerStatement;

    ShardBatches(ShardPools pools, String mapName, int rowsPerStatement) {
        if (rowsPerStatement < 1) {
            throw new IllegalArgumentException("rowsPerStatement must be at least 1, was " + rowsPerStatement);
        }
        this.pools = pools;
        this.mapName = mapName;
        this.rowsPerStatement = rowsPerStatement;
    }

    /**
     * Writes one shard's keys inside its open transaction, one statement per chunk: the chunks come from
     * {@link #statementChunks}, full-size ones first.
     */
    @FunctionalInterface
    interface ShardWrite<K> {
        void write(Connection connection, List<List<K>> chunks) throws SQLException;
    }

    /** Reads every key of one shard's table into {@code keys}. */
    @FunctionalInterface
    interface KeyRead<K> {
        void read(Connection connection, List<K> keys) throws SQLException;
    }

    /** Reads one chunk of keys of one shard, putting what it finds into {@code found}. */
    @FunctionalInterface
    interface ChunkRead<K, V> {
        void read(Connection connection, List<K> chunk, Map<K, V> found) throws SQLException;
    }

    /**
     * Writes the keys shard by shard, each shard's keys in one transaction, and tells {@code committed} the keys
     * of every shard that committed (so a MapStore can drop them from a batch that fails on a later shard).
     *
     * @param action what is done, for the failure message ("store", "delete")
     * @throws ShardUnavailableException when a shard still cannot be reached after {@code mysql.storeRetrySeconds}
     *                                   of retries; the caller (Hazelcast) retries later
     * @throws MapStoreException         when a shard refuses the rows
     */
    <K> void write(String action, Collection<K> keys, Function<? super K, String> routingKey,
                          ShardWrite<K> work, Consumer<List<K>> committed) {
        Map<Integer, List<K>> pending = byShard(keys, routingKey);
        long deadline = System.nanoTime() + pools.storeRetry().toNanos();
        long backoffMillis = FIRST_BACKOFF_MILLIS;
        while (true) {
            Map<Integer, RuntimeException> failures = writeOnce(action, pending, work, committed);
            if (failures.isEmpty()) {
                return;
            }
            RuntimeException first = failures.values().iterator().next();
            boolean unreachable = failures.values().stream().allMatch(ShardUnavailableException.class::isInstance);
            if (!unreachable || System.nanoTime() + backoffMillis * 1_000_000 > deadline || !pause(backoffMillis)) {
                throw first;
            }
            pending.keySet().retainAll(failures.keySet());
            LOG.warn("map '{}': shard(s) {} unreachable, {} rows waiting; retrying in {} ms: {}", mapName,
                    failures.keySet(), pending.values().stream().mapToInt(List::size).sum(), backoffMillis,
                    first.getMessage());
            backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF_MILLIS);
        }
    }

    /**
     * One attempt: the shards side by side, one writer thread each. Tells {@code committed} each shard that
     * committed; returns the failure of each shard that did not.
     */
    private <K> Map<Integer, RuntimeException> writeOnce(String action, Map<Integer, List<K>> groups,
                                                         ShardWrite<K> work, Consumer<List<K>> committed) {
        Map<Integer, Future<?>> writes = new TreeMap<>();
        groups.forEach((shard, shardKeys) -> writes.put(shard, pools.writers().submit(() -> {
            writeShard(action, shard, shardKeys, work);
            return null;
        })));
        Map<Integer, RuntimeException> failures = new TreeMap<>();
        for (Map.Entry<Integer, Future<?>> write : writes.entrySet()) {
            try {
                write.getValue().get();
                committed.accept(groups.get(write.getKey()));
            } catch (ExecutionException e) {
                failures.put(write.getKey(), asRuntime(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.put(write.getKey(), new MapStoreException(mapName, write.getKey(),
                        "interrupted while writing", e));
            }
        }
        return failures;
    }

    /** Sleeps between retries; false when interrupted (the member is stopping). */
    static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private <K> void writeShard(String action, int shard, List<K> shardKeys, ShardWrite<K> work) {
        try (Connection connection = pools.shard(shard).getConnection()) {
            connection.setAutoCommit(false);
            try {
                work.write(connection, statementChunks(shardKeys, rowsPerStatement));
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw MapStoreException.wrap(mapName, shard, action + " " + shardKeys.size() + " rows", e);
        }
    }

    private static RuntimeException asRuntime(Throwable cause) {
        return cause instanceof RuntimeException runtime ? runtime
                : new IllegalStateException("shard write failed", cause);
    }

    /**
     * Reads the keys shard by shard, one query per shard and chunk, and returns what was found; keys without a
     * row are absent from the result.
     */
    <K, V> Map<K, V> read(Collection<K> keys, Function<? super K, String> routingKey, ChunkRead<K, V> query) {
        Map<K, V> found = new HashMap<>();
        for (Map.Entry<Integer, List<K>> group : byShard(keys, routingKey).entrySet()) {
            int shard = group.getKey();
            try (Connection connection = pools.shard(shard).getConnection()) {
                for (List<K> chunk : chunks(group.getValue(), KEYS_PER_QUERY)) {
                    query.read(connection, chunk, found);
                }
            } catch (SQLException e) {
                throw MapStoreException.wrap(mapName, shard, "load " + group.getValue().size() + " keys", e);
            }
        }
        return found;
    }

    /** Every key of the table, from every shard. */
    <K> List<K> readAllKeys(KeyRead<K> query) {
        List<K> keys = new ArrayList<>();
        for (int shard = 0; shard < pools.shardCount(); shard++) {
            try (Connection connection = pools.shard(shard).getConnection()) {
                query.read(connection, keys);
            } catch (SQLException e) {
                throw MapStoreException.wrap(mapName, shard, "read all keys", e);
            }
        }
        return keys;
    }

    private <K> Map<Integer, List<K>> byShard(Collection<K> keys, Function<? super K, String> routingKey) {
        ShardRouter router = pools.router();
        Map<Integer, List<K>> groups = new TreeMap<>();
        for (K key : keys) {
            groups.computeIfAbsent(router.shardOf(routingKey.apply(key)), shard -> new ArrayList<>()).add(key);
        }
        return groups;
    }

    /**
     * Cuts a shard's rows into statements whose row counts come from a fixed ladder: {@code rowsPerStatement},
     * then powers of two below it, largest first (487 rows at 500 per statement: 256, 128, 64, 32, 4, 2, 1).
     * Each row count is its own SQL text and so its own server-side prepared statement; with the counts of a
     * batch's shares varying from batch to batch, a statement per exact remainder missed the per-connection
     * statement cache almost every time and the database prepared (parsed) each large upsert anew. The ladder
     * keeps at most {@code log2(rowsPerStatement) + 2} texts per table, all cached after the first batches.
     */
    static <K> List<List<K>> statementChunks(List<K> keys, int rowsPerStatement) {
        List<List<K>> chunks = new ArrayList<>();
        int from = 0;
        for (; keys.size() - from >= rowsPerStatement; from += rowsPerStatement) {
            chunks.add(keys.subList(from, from + rowsPerStatement));
        }
        for (int size = Integer.highestOneBit(rowsPerStatement); from < keys.size(); size >>= 1) {
            if (keys.size() - from >= size) {
                chunks.add(keys.subList(from, from + size));
                from += size;
            }
        }
        return chunks;
    }

    private static <K> List<List<K>> chunks(List<K> keys, int size) {
        List<List<K>> chunks = new ArrayList<>((keys.size() + size - 1) / size);
        for (int from = 0; from < keys.size(); from += size) {
            chunks.add(keys.subList(from, Math.min(keys.size(), from + size)));
        }
        return chunks;
    }

    private static void rollback(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // The connection is likely gone; the original failure is the one that matters.
            failure.addSuppressed(e);
        }
    }
}
