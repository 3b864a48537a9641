package io.gridchat.model.processor;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.util.Map;

/**
 * Backup side of a processor that changed only other maps of its partition (members, bans, timers): it changes
 * nothing, but as a synchronous backup it makes the caller's answer wait until the backup member ran it, which
 * that member does after the nested maps' asynchronous backups sent before it (see MemberConfigFactory). So an
 * acknowledged change survives the loss of the primary.
 */
final class OrderedBackup<K, V, R> implements EntryProcessor<K, V, R>, IdentifiedDataSerializable {
    @Override
    public R process(Map.Entry<K, V> entry) {
        return null;
    }

    @Override
    public int getFactoryId() {
        return ProcessorFactory.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ProcessorFactory.ORDERED_BACKUP;
    }

    @Override
    public void writeData(ObjectDataOutput out) {
        // no state
    }

    @Override
    public void readData(ObjectDataInput in) {
        // no state
    }
}
