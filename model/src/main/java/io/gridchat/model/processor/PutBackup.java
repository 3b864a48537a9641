package io.gridchat.model.processor;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.Map;

/**
 * Backup side of a processor whose primary also touched other maps: it only puts the value the primary
 * computed, so side effects are never repeated on the backup replica.
 */
final class PutBackup<K, V, R> implements EntryProcessor<K, V, R>, IdentifiedDataSerializable {
    private V value;

    PutBackup() {
    }

    PutBackup(V value) {
        this.value = value;
    }

    @Override
    public R process(Map.Entry<K, V> entry) {
        entry.setValue(value);
        return null;
    }

    @Override
    public int getFactoryId() {
        return ProcessorFactory.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ProcessorFactory.PUT_BACKUP;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeObject(value);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        value = in.readObject();
    }
}
