package io.gridchat.model.processor;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.IMap;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.gridchat.model.MapNames;
import io.gridchat.model.UserSessions;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Sends a room event that is not stored (typing, joined, left) from a user to the room's other members'
 * edge nodes. Runs on an executor thread of the member that owns the room, so membership and roster are
 * local reads. Typing and joined need the sender to be a member: otherwise it returns false, sending nothing.
 */
public final class FanOutRoomEvent implements Callable<Boolean>, IdentifiedDataSerializable, HazelcastInstanceAware {
    private String roomId;
    private String fromUserId;
    private String frame;
    private boolean senderLeft;
    private String alsoTo = "";
    private transient HazelcastInstance instance;

    public FanOutRoomEvent() {
    }

    private FanOutRoomEvent(String roomId, String fromUserId, String frame, boolean senderLeft) {
        this.roomId = roomId;
        this.fromUserId = fromUserId;
        this.frame = frame;
        this.senderLeft = senderLeft;
    }

    /** An event of a member (typing, joined): refused unless the sender is a member. */
    public static FanOutRoomEvent fromMember(String roomId, String fromUserId, String frame) {
        return new FanOutRoomEvent(roomId, fromUserId, frame, false);
    }

    /** The sender just left the room; the others hear of it, and so do the sender's own connections. */
    public static FanOutRoomEvent leaving(String roomId, String fromUserId, String frame) {
        return new FanOutRoomEvent(roomId, fromUserId, frame, true);
    }

    /**
     * A change already checked on the room's partition (rename, timer, role, removal): every member hears it,
     * the one who made it included, and so does {@code alsoTo} (a removed user, whose presence the members stop
     * watching for the room; may be null).
     */
    public static FanOutRoomEvent toRoom(String roomId, String frame, String alsoTo) {
        FanOutRoomEvent event = new FanOutRoomEvent(roomId, "", frame, true);
        event.alsoTo = alsoTo == null ? "" : alsoTo;
        return event;
    }

    public String roomId() {
        return roomId;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.instance = hazelcastInstance;
    }

    @Override
    public Boolean call() {
        RoomMembers members = new RoomMembers(instance, roomId);
        if (!senderLeft && !members.isMember(fromUserId)) {
            return Boolean.FALSE;
        }
        Set<String> others = new HashSet<>(members.roster().userIds());
        if (!senderLeft) {
            others.remove(fromUserId);
        }
        // who is no longer in the room: the sender who left, or a removed member (alsoTo)
        String gone = senderLeft ? (fromUserId.isEmpty() ? alsoTo : fromUserId) : "";
        if (!gone.isEmpty()) {
            others.add(gone);
        }
        IMap<String, UserSessions> sessions = GridContext.map(instance, MapNames.SESSIONS);
        EdgeEvents.publish(instance, roomId, frame, sessions.getAll(others).values(), senderLeft ? "" : fromUserId,
                gone);
        return Boolean.TRUE;
    }

    @Override
    public int getFactoryId() {
        return ProcessorFactory.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ProcessorFactory.FAN_OUT_ROOM_EVENT;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(roomId);
        out.writeString(fromUserId);
        out.writeString(frame);
        out.writeBoolean(senderLeft);
        out.writeString(alsoTo);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        roomId = in.readString();
        fromUserId = in.readString();
        frame = in.readString();
        senderLeft = in.readBoolean();
        alsoTo = in.readString();
    }
}
