package io.gridchat.model.processor;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.PartitionService;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads many entries of a map on a member, partition by partition. A member's {@code IMap.getAll} sends the
 * whole key set to every partition it touches and each partition filters out its own keys, so one call over a
 * member's rooms costs partitions x keys hash computations (seconds of CPU with tens of thousands of rooms);
 * grouped by partition it costs one per key.
 */
public final class LocalEntries {
    private LocalEntries() {
    }

    /** The entries of {@code map} on the partitions this member owns. */
    public static <K, V> Map<K, V> of(HazelcastInstance instance, IMap<K, V> map) {
        return getAll(instance, map, map.localKeySet());
    }

    /** The entries of {@code keys} that exist, one {@code getAll} per partition. */
    public static <K, V> Map<K, V> getAll(HazelcastInstance instance, IMap<K, V> map, Collection<K> keys) {
        PartitionService partitions = instance.getPartitionService();
        Map<Integer, Set<K>> byPartition = new HashMap<>();
        for (K key : keys) {
            byPartition.computeIfAbsent(partitions.getPartition(key).getPartitionId(), id -> new HashSet<>()).add(key);
        }
        Map<K, V> entries = new HashMap<>();
        for (Set<K> partitionKeys : byPartition.values()) {
            entries.putAll(map.getAll(partitionKeys));
        }
        return entries;
    }
}
