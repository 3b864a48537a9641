package io.gridchat.model.processor;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Backup side of the processors whose entries carry a TTL (presence, rate-limit windows): puts the value the
 * primary computed with the same TTL, so the backup replica expires (and, once promoted, behaves) exactly like
 * the primary would; a null value removes the entry.
 */
final class SetWithTtl<K, V, R> implements EntryProcessor<K, V, R>, IdentifiedDataSerializable {
    private V value;
    private long ttlMillis;

    SetWithTtl() {
    }

    SetWithTtl(V value, long ttlMillis) {
        this.value = value;
        this.ttlMillis = ttlMillis;
    }

    static <K, V> void put(Map.Entry<K, V> entry, V value, long ttlMillis) {
        if (value == null) {
            entry.setValue(null);
        } else {
            ((ExtendedMapEntry<K, V>) entry).setValue(value, ttlMillis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public R process(Map.Entry<K, V> entry) {
        put(entry, value, ttlMillis);
        return null;
    }

    @Override
    public int getFactoryId() {
        return ProcessorFactory.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ProcessorFactory.SET_WITH_TTL;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeObject(value);
        out.writeLong(ttlMillis);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        value = in.readObject();
        ttlMillis = in.readLong();
    }
}
