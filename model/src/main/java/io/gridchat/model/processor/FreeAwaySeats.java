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
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ends the grace period of users away from a room for {@code graceMillis} or longer: in a study room they stop
 * being participants (their place is free); elsewhere they are only forgotten as away. Returns the users who
 * lost their place, for the {@code left} events. Runs on the room's partition thread.
 */
public final class FreeAwaySeats implements EntryProcessor<String, Room, ArrayList<String>>,
        IdentifiedDataSerializable, HazelcastInstanceAware {
    private long graceMillis;
    private transient HazelcastInstance instance;
    private transient boolean freedAny;

    public FreeAwaySeats() {
    }

    public FreeAwaySeats(long graceMillis) {
        this.graceMillis = graceMillis;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.instance = hazelcastInstance;
    }

    @Override
    public ArrayList<String> process(Map.Entry<String, Room> entry) {
        RoomSeats seats = new RoomSeats(instance, entry.getKey());
        LiveRoom before = seats.get();
        List<String> due = before.awaySince(System.currentTimeMillis() - graceMillis);
        ArrayList<String> freed = new ArrayList<>();
        if (due.isEmpty()) {
            return freed;
        }
        seats.put(before, before.withoutAway(due));
        Room room = entry.getValue();
        if (room != null && room.kind() == RoomKind.STUDY) {
            RoomMembers members = new RoomMembers(instance, entry.getKey());
            for (String userId : due) {
                if (members.isMember(userId)) {
                    members.remove(userId);
                    freed.add(userId);
                }
            }
        }
        freedAny = !freed.isEmpty();
        return freed;
    }

    @Override
    public EntryProcessor<String, Room, ArrayList<String>> getBackupProcessor() {
        return freedAny ? new OrderedBackup<>() : null; // memberships ended: see JoinRoom
    }

    @Override
    public int getFactoryId() {
        return ProcessorFactory.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ProcessorFactory.FREE_AWAY_SEATS;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(graceMillis);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        graceMillis = in.readLong();
    }
}
