package io.gridchat.model.processor;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.gridchat.model.LiveRoom;
import io.gridchat.model.Room;
import io.gridchat.model.RoomKind;
import io.gridchat.model.Roster;
import java.io.IOException;
import java.util.Map;

/**
 * Removes a user from a room, seats included; returns whether they were a member. The members who remain hear
 * that they left ({@link RoomAnnouncements}). Runs on the room's partition thread.
 */
public final class LeaveRoom implements EntryProcessor<String, Room, Boolean>, IdentifiedDataSerializable,
        HazelcastInstanceAware {
    private String userId;
    private transient HazelcastInstance instance;
    private transient boolean left;

    public LeaveRoom() {
    }

    public LeaveRoom(String userId) {
        this.userId = userId;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.instance = hazelcastInstance;
    }

    @Override
    public Boolean process(Map.Entry<String, Room> entry) {
        if (entry.getValue() == null) {
            return Boolean.FALSE;
        }
        RoomSeats seats = new RoomSeats(instance, entry.getKey());
        LiveRoom live = seats.get();
        seats.put(live, live.withoutUser(userId));
        if (entry.getValue().kind() == RoomKind.DM) {
            // a dm is never left: nothing could let its member back in (OpenDirectRoom only creates)
            return Boolean.FALSE;
        }
        RoomMembers members = new RoomMembers(instance, entry.getKey());
        Roster roster = members.roster();
        if (!roster.contains(userId)) {
            return Boolean.FALSE;
        }
        Roster remaining = members.remove(roster, userId);
        left = true;
        RoomAnnouncements.left(instance, entry.getKey(), userId, remaining.userIds());
        return Boolean.TRUE;
    }

    @Override
    public EntryProcessor<String, Room, Boolean> getBackupProcessor() {
        return left ? new OrderedBackup<>() : null; // see JoinRoom
    }

    @Override
    public int getFactoryId() {
        return ProcessorFactory.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ProcessorFactory.LEAVE_ROOM;
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
