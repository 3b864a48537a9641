package io.gridchat.mapstores;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.MapLoader;
import com.hazelcast.map.MapLoaderLifecycleSupport;
import io.gridchat.model.GridchatException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A MapLoader over the shards: {@code loadAll} groups the keys by shard and runs one query per shard (per 1000
 * keys, Hazelcast's default load chunk); {@link #loadAllKeys()} is null, so maps load lazily and never preload the
 * database. Hazelcast creates one instance per map and member and calls it from partition threads;
 * thread-safe once {@code init} has run.
 *
 * @param <K> map key
 * @param <V> map value
 */
public abstract class ShardedMapLoader<K, V> implements MapLoader<K, V>, MapLoaderLifecycleSupport {
    private volatile ShardBatches batches;

    /** Takes the member's {@link ShardPools} from the user context. */
    @Override
    public void init(HazelcastInstance instance, Properties properties, String mapName) {
        init(ShardPools.fromUserContext(instance, mapName), properties, mapName);
    }

    /** As Hazelcast's {@code init}, with the pools given directly (tools and tests). */
    public void init(ShardPools pools, Properties properties, String mapName) {
        MapStoreProperties settings = MapStoreProperties.from(properties, mapName);
        batches = new ShardBatches(pools, mapName, settings.rowsPerStatement());
    }

    /** The pools belong to the member, which closes them after Hazelcast has shut down. */
    @Override
    public void destroy() {
    }

    /** The value of {@code key}, or null when the database has none. */
    @Override
    public V load(K key) {
        return loadAll(List.of(key)).get(key);
    }

    @Override
    public Map<K, V> loadAll(Collection<K> keys) {
        return batches().read(keys, this::routingKey, this::readChunk);
    }

    /** Null: entries load when first asked for; the database is never preloaded. */
    @Override
    public Iterable<K> loadAllKeys() {
        return null;
    }

    /** The string the key's shard is chosen by. */
    protected abstract String routingKey(K key);

    /** Reads the values of one chunk of keys of one shard into {@code found}; keys without a value stay out. */
    protected abstract void readChunk(Connection connection, List<K> chunk, Map<K, V> found) throws SQLException;

    final ShardBatches batches() {
        ShardBatches current = batches;
        if (current == null) {
            throw new GridchatException(getClass().getSimpleName() + " used before init");
        }
        return current;
    }
}
