package io.gridchat.model.processor;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.gridchat.model.MapNames;
import io.gridchat.model.Role;
import io.gridchat.model.Room;
import io.gridchat.model.RoomLog;
import io.gridchat.model.Roster;
import java.io.IOException;
import java.util.Map;

/**
 * Creates a room with its owner as first member, in one step on the room's partition; returns false when the
 * id is taken. Runs on a partition thread.
 */
public final class CreateRoom implements EntryProcessor<String, Room, Boolean>, IdentifiedDataSerializable,
        HazelcastInstanceAware {
    private Room room;
    private transient HazelcastInstance instance;

    public CreateRoom() {
    }

    public CreateRoom(Room room) {
        this.room = room;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.instance = hazelcastInstance;
    }

    @Override
    public Boolean process(Map.Entry<String, Room> entry) {
        if (entry.getValue() != null) {
            return Boolean.FALSE;
        }
        entry.setValue(room);
        // An empty counter now saves the first send a MySQL look-up for MAX(seq).
        // Async: a partition thread must not wait for another member's backup ack (see MemberConfigFactory); a
        // missing counter is only a MAX(seq) look-up away.
        GridContext.map(instance, MapNames.ROOM_LOGS).setAsync(room.roomId(), RoomLog.EMPTY);
        RoomMembers members = new RoomMembers(instance, entry.getKey());
        members.add(Roster.empty(room.roomId()), room.ownerId(), Role.OWNER, room.createdAt());
        return Boolean.TRUE;
    }

    @Override
    public EntryProcessor<String, Room, Boolean> getBackupProcessor() {
        return new PutBackup<>(room);
    }

    @Override
    public int getFactoryId() {
        return ProcessorFactory.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ProcessorFactory.CREATE_ROOM;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeObject(room);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        room = in.readObject();
    }
}
