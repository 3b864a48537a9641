package io.gridchat.model.processor;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.gridchat.model.Presence;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Backup side of the presence processors: puts the presence the primary computed with the same TTL, so the
 * backup replica expires (and, once promoted, reports offline) exactly like the primary would.
 */
final class SetPresence<R> implements EntryProcessor<String, Presence, R>, IdentifiedDataSerializable {
    private Presence presence;
    private long ttlMillis;

    SetPresence() {
    }

    SetPresence(Presence presence, long ttlMillis) {
        this.presence = presence;
        this.ttlMillis = ttlMillis;
    }

    static void put(Map.Entry<String, Presence> entry, Presence presence, long ttlMillis) {
        ((ExtendedMapEntry<String, Presence>) entry).setValue(presence, ttlMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public R process(Map.Entry<String, Presence> entry) {
        put(entry, presence, ttlMillis);
        return null;
    }

    @Override
    public int getFactoryId() {
        return ProcessorFactory.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ProcessorFactory.SET_PRESENCE;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeObject(presence);
        out.writeLong(ttlMillis);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        presence = in.readObject();
        ttlMillis = in.readLong();
    }
}
