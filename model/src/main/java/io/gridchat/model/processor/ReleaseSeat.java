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
import java.util.Map;

/**
 * A connection that sat in a room closed. In a study room its user, with no other seat there, is away from now
 * on and loses the place after the grace period ({@link FreeAwaySeats}); in other rooms membership stays.
 * Runs on the room's partition thread.
 */
public final class ReleaseSeat implements EntryProcessor<String, Room, Boolean>, IdentifiedDataSerializable,
        HazelcastInstanceAware {
    private String connectionId;
    private transient HazelcastInstance instance;

    public ReleaseSeat() {
    }

    public ReleaseSeat(String connectionId) {
        this.connectionId = connectionId;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.instance = hazelcastInstance;
    }

    @Override
    public Boolean process(Map.Entry<String, Room> entry) {
        RoomSeats seats = new RoomSeats(instance, entry.getKey());
        LiveRoom before = seats.get();
        LiveRoom after = before.released(connectionId, System.currentTimeMillis());
        if (entry.getValue() == null || entry.getValue().kind() != RoomKind.STUDY) {
            after = after.withoutAway(after.away().stream().map(LiveRoom.Away::userId).toList());
        }
        seats.put(before, after);
        return !after.equals(before);
    }

    @Override
    public EntryProcessor<String, Room, Boolean> getBackupProcessor() {
        return null; // the room entry itself is unchanged; room-live replicates its own writes
    }

    @Override
    public int getFactoryId() {
        return ProcessorFactory.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ProcessorFactory.RELEASE_SEAT;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(connectionId);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        connectionId = in.readString();
    }
}
