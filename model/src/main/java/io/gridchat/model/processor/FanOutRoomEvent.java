package io.gridchat.model.processor;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.IMap;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.gridchat.model.EdgeEvent;
import io.gridchat.model.MapNames;
import io.gridchat.model.UserSessions;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Sends a room event that is not stored (typing) from a member of the room to the room's other members'
 * edge nodes. Runs on an executor thread of the member that owns the room, so membership and roster are
 * local reads; returns false, sending nothing, when the sender is not a member.
 */
public final class FanOutRoomEvent implements Callable<Boolean>, IdentifiedDataSerializable, HazelcastInstanceAware {
    private String roomId;
    private String fromUserId;
    private String frame;
    private transient HazelcastInstance instance;

    public FanOutRoomEvent() {
    }

    public FanOutRoomEvent(String roomId, String fromUserId, String frame) {
        this.roomId = roomId;
        this.fromUserId = fromUserId;
        this.frame = frame;
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
        if (!members.isMember(fromUserId)) {
            return Boolean.FALSE;
        }
        Set<String> others = new HashSet<>(members.roster().userIds());
        others.remove(fromUserId);
        IMap<String, UserSessions> sessions = instance.getMap(MapNames.SESSIONS);
        UserSessions.byEdge(sessions.getAll(others).values()).forEach((edgeId, userIds) ->
                instance.getReliableTopic(MapNames.edgeInbox(edgeId))
                        .publishAsync(new EdgeEvent(edgeId, roomId, frame, userIds)));
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
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        roomId = in.readString();
        fromUserId = in.readString();
        frame = in.readString();
    }
}
