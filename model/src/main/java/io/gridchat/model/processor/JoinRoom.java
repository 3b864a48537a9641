package io.gridchat.model.processor;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.gridchat.model.ChatMessage;
import io.gridchat.model.JoinOutcome;
import io.gridchat.model.JoinResult;
import io.gridchat.model.LiveRoom;
import io.gridchat.model.Role;
import io.gridchat.model.Room;
import io.gridchat.model.RoomKind;
import io.gridchat.model.Roster;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Joins a user to a room on the room's partition of {@code rooms}: the capacity check and the insert are one
 * atomic step, so concurrent joins never overfill a room. A join made on a connection also gives that connection
 * a seat in the room's {@link LiveRoom} (live participants; a study-room member coming back within the grace
 * period keeps the place). The others hear of a new member ({@link RoomAnnouncements}). Runs on a partition
 * thread.
 */
public final class JoinRoom implements EntryProcessor<String, Room, JoinResult>, IdentifiedDataSerializable,
        HazelcastInstanceAware {
    private String userId;
    private String edgeId;
    private String connectionId;
    private int recentCount;
    private transient HazelcastInstance instance;
    private transient boolean joined;

    public JoinRoom() {
    }

    /** A join without a connection (no seat) that needs no recent messages. */
    public JoinRoom(String userId) {
        this(userId, null, null, 0);
    }

    /** A join on a connection, answered with up to {@code recentCount} of the room's latest messages. */
    public JoinRoom(String userId, String edgeId, String connectionId, int recentCount) {
        this.userId = userId;
        this.edgeId = edgeId;
        this.connectionId = connectionId;
        this.recentCount = recentCount;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.instance = hazelcastInstance;
    }

    @Override
    public JoinResult process(Map.Entry<String, Room> entry) {
        Room room = entry.getValue();
        if (room == null) {
            return JoinResult.refused(JoinOutcome.NO_SUCH_ROOM);
        }
        RoomMembers members = new RoomMembers(instance, entry.getKey());
        Roster roster = members.roster();
        if (roster.contains(userId)) {
            takeSeat(entry.getKey());
            return answer(JoinOutcome.ALREADY_MEMBER, roster, members);
        }
        if (room.kind() == RoomKind.DM) {
            return JoinResult.refused(JoinOutcome.FORBIDDEN);
        }
        if (members.isBanned(userId)) {
            return JoinResult.refused(JoinOutcome.BANNED);
        }
        if (room.capacity() > 0 && roster.userIds().size() >= room.capacity()) {
            return JoinResult.refused(JoinOutcome.ROOM_FULL);
        }
        Role role = userId.equals(room.ownerId()) ? Role.OWNER : Role.MEMBER;
        Roster next = members.add(roster, userId, role, System.currentTimeMillis());
        joined = true;
        takeSeat(entry.getKey());
        RoomAnnouncements.joined(instance, entry.getKey(), userId, next.without(userId).userIds());
        return answer(JoinOutcome.JOINED, next, members);
    }

    /**
     * The recent messages come from this partition (the room's messages live here, the last
     * {@code grid.recentMessages} in memory), so a join needs no second call to read them; when one is not in
     * memory (after a restart) {@code recent} is null and the caller reads them with {@code ReadMessages}.
     */
    private JoinResult answer(JoinOutcome outcome, Roster roster, RoomMembers members) {
        long lastSeq = members.lastSeq();
        int count = Math.min(recentCount, GridContext.settings(instance).recentMessages());
        List<ChatMessage> recent = count <= 0 ? List.of()
                : members.messagesInMemory(Math.max(1, lastSeq - count + 1), lastSeq);
        return new JoinResult(outcome, roster.userIds(), lastSeq, recent, members.readSeq(userId));
    }

    private void takeSeat(String roomId) {
        if (connectionId == null) {
            return;
        }
        RoomSeats seats = new RoomSeats(instance, roomId);
        LiveRoom before = seats.get();
        seats.put(before, before.seated(new LiveRoom.Seat(userId, edgeId, connectionId)));
    }

    @Override
    public EntryProcessor<String, Room, JoinResult> getBackupProcessor() {
        // the room entry is unchanged; waiting for this backup makes a join survive the primary's loss
        return joined ? new OrderedBackup<>() : null;
    }

    @Override
    public int getFactoryId() {
        return ProcessorFactory.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ProcessorFactory.JOIN_ROOM;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(userId);
        out.writeString(edgeId);
        out.writeString(connectionId);
        out.writeInt(recentCount);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        userId = in.readString();
        edgeId = in.readString();
        connectionId = in.readString();
        recentCount = in.readInt();
    }
}
