package io.gridchat.model.processor;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.gridchat.model.MapNames;
import io.gridchat.model.Room;
import io.gridchat.model.RoomKind;
import io.gridchat.model.RoomTimer;
import io.gridchat.model.RoomView;
import io.gridchat.model.Roster;
import java.io.IOException;
import java.util.Map;

/**
 * A room as a user may see it, read in one call on the room's partition (room, roster and timer live there):
 * null when there is no such room, or when it is a dm and the user is not one of its two members (to anyone
 * else a dm does not exist).
 */
public final class ViewRoom implements EntryProcessor<String, Room, RoomView>, ReadOnly, IdentifiedDataSerializable,
        HazelcastInstanceAware {
    private String userId;
    private transient HazelcastInstance instance;

    public ViewRoom() {
    }

    public ViewRoom(String userId) {
        this.userId = userId;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.instance = hazelcastInstance;
    }

    @Override
    public RoomView process(Map.Entry<String, Room> entry) {
        Room room = entry.getValue();
        if (room == null) {
            return null;
        }
        Roster roster = new RoomMembers(instance, entry.getKey()).roster();
        if (room.kind() == RoomKind.DM && !roster.contains(userId)) {
            return null;
        }
        RoomTimer timer = room.kind() == RoomKind.STUDY
                ? PartitionReads.<String, RoomTimer>get(instance, MapNames.ROOM_TIMERS, entry.getKey()) : null;
        return new RoomView(room, roster.userIds().size(), timer);
    }

    @Override
    public EntryProcessor<String, Room, RoomView> getBackupProcessor() {
        return null;
    }

    @Override
    public int getFactoryId() {
        return ProcessorFactory.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ProcessorFactory.VIEW_ROOM;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(userId);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        userId = in.readString();
    }
}
