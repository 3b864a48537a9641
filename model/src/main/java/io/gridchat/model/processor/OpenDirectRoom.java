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
 * Returns the direct room of two users, creating it with both as members if it does not exist yet. The key is
 * derived from the pair, so concurrent calls meet on one partition and exactly one creates. Runs on a
 * partition thread.
 */
public final class OpenDirectRoom implements EntryProcessor<String, Room, Room>, IdentifiedDataSerializable,
        HazelcastInstanceAware {
    private Room room;
    private String otherUserId;
    private transient HazelcastInstance instance;
    private transient boolean created;

    public OpenDirectRoom() {
    }

    /** {@code room}: the room to create, owned by the caller; {@code otherUserId}: the second member. */
    public OpenDirectRoom(Room room, String otherUserId) {
        this.room = room;
        this.otherUserId = otherUserId;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.instance = hazelcastInstance;
    }

    @Override
    public Room process(Map.Entry<String, Room> entry) {
        if (entry.getValue() != null) {
            return entry.getValue();
        }
        entry.setValue(room);
        // Async: a partition thread must not wait for another member's backup ack (see MemberConfigFactory); a
        // missing counter is only a MAX(seq) look-up away.
        GridContext.map(instance, MapNames.ROOM_LOGS).setAsync(room.roomId(), RoomLog.EMPTY);
        RoomMembers members = new RoomMembers(instance, entry.getKey());
        Roster roster = members.add(Roster.empty(room.roomId()), room.ownerId(), Role.MEMBER, room.createdAt());
        members.add(roster, otherUserId, Role.MEMBER, room.createdAt());
        created = true;
        return room;
    }

    @Override
    public EntryProcessor<String, Room, Room> getBackupProcessor() {
        return created ? new PutBackup<>(room) : null;
    }

    @Override
    public int getFactoryId() {
        return ProcessorFactory.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ProcessorFactory.OPEN_DIRECT_ROOM;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeObject(room);
        out.writeString(otherUserId);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        room = in.readObject();
        otherUserId = in.readString();
    }
}
