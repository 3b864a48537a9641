package io.gridchat.bench.micro;

import com.hazelcast.map.MapStore;
import java.util.Collection;
import java.util.Map;

/**
 * A write-behind target that drops every write and loads nothing. With it a map keeps production's write-behind
 * queue, whose offer is part of every write on the partition thread, while no database I/O competes for the
 * benchmark's CPU (the database side is measured by {@code DbBaseline}). Stateless and thread-safe.
 */
final class NoopMapStore implements MapStore<Object, Object> {
    @Override
    public void store(Object key, Object value) {
        // dropped on purpose, see the class comment
    }

    @Override
    public void storeAll(Map<Object, Object> entries) {
        // dropped on purpose, see the class comment
    }

    @Override
    public void delete(Object key) {
        // dropped on purpose, see the class comment
    }

    @Override
    public void deleteAll(Collection<Object> keys) {
        // dropped on purpose, see the class comment
    }

    @Override
    public Object load(Object key) {
        return null;
    }

    @Override
    public Map<Object, Object> loadAll(Collection<Object> keys) {
        return Map.of();
    }

    @Override
    public Iterable<Object> loadAllKeys() {
        return null;
    }
}
