package io.gridchat.mapstores;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.MapLoader;
import com.hazelcast.map.MapLoaderLifecycleSupport;
import io.gridchat.model.GridchatException;
import io.gridchat.model.processor.MemberReadiness;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;

/**
 * A MapLoader over the shards: {@code loadAll} groups the keys by shard and runs one query per shard (per 1000
 * keys, Hazelcast's default load chunk). By default {@link #loadAllKeys()} is null, so the map loads lazily; with
 * the {@code preload} property it loads every row at cluster start and, once the member is ready, answers a key it
 * does not hold as absent without a query: a miss (a join's membership check, a user who never read a room) then
 * costs no MySQL round trip on the partition thread. Hazelcast creates one instance per map and member and calls
 * it from partition threads; thread-safe once {@code init} has run.
 *
 * @param <K> map key
 * @param <V> map value
 */
public abstract class ShardedMapLoader<K, V> implements MapLoader<K, V>, MapLoaderLifecycleSupport {
    private volatile ShardBatches batches;
    private volatile boolean preload;
    private volatile BooleanSupplier memberReady = () -> false;

    /** Takes the member's {@link ShardPools} from the user context. */
    @Override
    public void init(HazelcastInstance instance, Properties properties, String mapName) {
        init(ShardPools.fromUserContext(instance, mapName), properties, mapName);
        if (instance.getUserContext().get(MemberReadiness.USER_CONTEXT_KEY) instanceof MemberReadiness readiness) {
            memberReady = readiness::ready;
        }
    }

    /** As Hazelcast's {@code init}, with the pools given directly (tools and tests). */
    public void init(ShardPools pools, Properties properties, String mapName) {
        MapStoreProperties settings = MapStoreProperties.from(properties, mapName);
        batches = new ShardBatches(pools, mapName, settings.rowsPerStatement());
        preload = settings.preload();
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
        if (holdsEverything()) {
            return Map.of();
        }
        return batches().read(keys, this::routingKey, this::readChunk);
    }

    /** Every key when preloading (the initial load then reads them all), else null: entries load when asked for. */
    @Override
    public Iterable<K> loadAllKeys() {
        return preload ? batches().readAllKeys(this::readKeys) : null;
    }

    /** A preloaded map on a ready member holds every row there is. */
    private boolean holdsEverything() {
        return preload && memberReady.getAsBoolean();
    }

    /** Adds every key of one shard's table to {@code keys}; needed by preloaded maps only. */
    protected void readKeys(Connection connection, List<K> keys) throws SQLException {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot preload");
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
