package io.gridchat.model.processor;

import com.hazelcast.cluster.Address;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.impl.HazelcastInstanceImpl;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.internal.partition.IPartition;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.map.IMap;
import com.hazelcast.map.impl.MapContainer;
import com.hazelcast.map.impl.MapService;
import com.hazelcast.map.impl.MapServiceContext;
import com.hazelcast.map.impl.record.Record;
import com.hazelcast.map.impl.recordstore.RecordStore;
import com.hazelcast.spi.impl.NodeEngineImpl;
import com.hazelcast.spi.impl.operationexecutor.impl.PartitionOperationThread;
import com.hazelcast.spi.impl.operationservice.impl.OperationServiceImpl;
import java.util.function.Function;

/**
 * Reads, for a processor running on a partition thread, entries of other maps on the same partition straight from
 * the partition's record store. A nested {@code IMap} read from a partition thread runs inline, but through
 * Hazelcast's whole invocation path: an operation built, a call id registered and answered, the value serialized
 * for the answer and read back. For the room processors (a join reads roster, bans, seats, room log and read
 * position; a send its membership and dedupe entry) that path was most of what the reads cost the member.
 *
 * <p>Only reads, and each as the operation {@code IMap} would have run on this thread does it ({@code GetOperation},
 * {@code ContainsKeyOperation}, {@code GetEntryViewOperation}: the map's initial load must be done, a missing key is
 * loaded from the MapStore by {@code get} and {@code containsKey}, never by {@link #inMemory}). Writes stay
 * {@code IMap} calls for their backups, events and write-behind. Wherever a direct read does not apply (the key is
 * on another partition, the thread is not the partition's, the instance is not a member) it is the {@code IMap}
 * call. Reads made this way do not count in the map's local statistics.
 */
final class PartitionReads {
    private PartitionReads() {
    }

    /** As {@code IMap.get}. */
    static <K, V> V get(HazelcastInstance instance, String mapName, K key) {
        Local local = Local.of(instance, mapName, key);
        if (local == null) {
            return GridContext.<K, V>map(instance, mapName).get(key);
        }
        return local.read(store -> local.toObject(store.get(local.dataKey, false, local.caller())));
    }

    /** As {@code IMap.containsKey}. */
    static <K> boolean containsKey(HazelcastInstance instance, String mapName, K key) {
        Local local = Local.of(instance, mapName, key);
        if (local == null) {
            return GridContext.<K, Object>map(instance, mapName).containsKey(key);
        }
        return local.read(store -> store.containsKey(local.dataKey, local.caller()));
    }

    /** The value in memory, as {@code IMap.getEntryView(key).getValue()}; null when not in memory (never loaded). */
    static <K, V> V inMemory(HazelcastInstance instance, String mapName, K key) {
        Local local = Local.of(instance, mapName, key);
        if (local == null) {
            var view = GridContext.<K, V>map(instance, mapName).getEntryView(key);
            return view == null ? null : view.getValue();
        }
        return local.read(store -> {
            Record<?> record = store.getRecordOrNull(local.dataKey, false);
            return record == null ? null : local.toObject(record.getValue());
        });
    }

    /** A key of a map on the partition this thread runs, or null when the direct read does not apply. */
    private record Local(NodeEngineImpl engine, MapServiceContext context, RecordStore<?> store, Data dataKey) {
        static Local of(HazelcastInstance instance, String mapName, Object key) {
            if (!(Thread.currentThread() instanceof PartitionOperationThread thread)) {
                return null;
            }
            HazelcastInstanceImpl member = instance instanceof HazelcastInstanceImpl impl ? impl
                    : instance instanceof HazelcastInstanceProxy proxy ? proxy.getOriginal() : null;
            if (member == null) {
                return null;
            }
            GridContext.checkUsable(instance);
            NodeEngineImpl engine = member.node.getNodeEngine();
            MapServiceContext context = engine.<MapService>getService(MapService.SERVICE_NAME).getMapServiceContext();
            MapContainer container = context.getMapContainer(mapName);
            Data dataKey = context.toData(key, container.getPartitioningStrategy());
            int partitionId = engine.getPartitionService().getPartitionId(dataKey);
            OperationServiceImpl operations = (OperationServiceImpl) engine.getOperationService();
            IPartition partition = engine.getPartitionService().getPartition(partitionId);
            if (thread.getThreadId() != operations.getOperationExecutor().toPartitionThreadIndex(partitionId)
                    || !partition.isLocal()) {
                return null;
            }
            return new Local(engine, context, context.getPartitionContainer(partitionId).getRecordStore(mapName),
                    dataKey);
        }

        Address caller() {
            return engine.getThisAddress();
        }

        @SuppressWarnings("unchecked")
        <V> V toObject(Object stored) {
            return (V) context.toObject(stored);
        }

        <T> T read(Function<RecordStore<?>, T> reading) {
            int before = store.beforeOperation();
            try {
                store.checkIfLoaded();
                return reading.apply(store);
            } finally {
                store.afterOperation(before);
            }
        }
    }
}
