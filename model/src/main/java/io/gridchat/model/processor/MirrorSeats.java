package io.gridchat.model.processor;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.gridchat.model.LiveRoom;
import java.util.Map;

/**
 * Tells the owning member's {@link ActiveRoomsIndex} the seats of a room as they are, on the room's partition
 * thread (so in order with the processors' own changes); run over every live room when a member's partitions
 * changed. Changes nothing.
 */
public final class MirrorSeats implements EntryProcessor<String, LiveRoom, Object>, IdentifiedDataSerializable,
        HazelcastInstanceAware {
    private transient HazelcastInstance instance;

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.instance = hazelcastInstance;
    }

    @Override
    public Object process(Map.Entry<String, LiveRoom> entry) {
        GridContext.seated(instance, entry.getKey(), entry.getValue());
        return null;
    }

    @Override
    public EntryProcessor<String, LiveRoom, Object> getBackupProcessor() {
        return null;
    }

    @Override
    public int getFactoryId() {
        return ProcessorFactory.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ProcessorFactory.MIRROR_SEATS;
    }

    @Override
    public void writeData(ObjectDataOutput out) {
    }

    @Override
    public void readData(ObjectDataInput in) {
    }
}
