package io.gridchat.model.processor;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.gridchat.model.LiveRoom;
import io.gridchat.model.Membership;
import io.gridchat.model.Role;
import io.gridchat.model.Room;
import io.gridchat.model.RoomChange;
import io.gridchat.model.RoomChangeOutcome;
import io.gridchat.model.RoomKind;
import io.gridchat.model.Roster;
import java.io.IOException;
import java.util.Map;

/** An owner or moderator makes a user a member (not a banned one, not past the capacity). */
public final class InviteMember extends RoomChangeProcessor {
    private String userId;

    public InviteMember() {
    }

    public InviteMember(String byUserId, String userId) {
        super(byUserId);
        this.userId = userId;
    }

    @Override
    RoomChange change(Map.Entry<String, Room> entry, Room room, RoomMembers members, Membership actor) {
        if (!actor.role().moderates()) {
            return RoomChange.refused(RoomChangeOutcome.NOT_ALLOWED);
        }
        if (members.isMember(userId)) {
            return RoomChange.refused(RoomChangeOutcome.ALREADY_MEMBER);
        }
        if (members.isBanned(userId)) {
            return RoomChange.refused(RoomChangeOutcome.BANNED);
        }
        Roster roster = members.roster();
        if (room.capacity() > 0 && roster.userIds().size() >= room.capacity()) {
            return RoomChange.refused(RoomChangeOutcome.ROOM_FULL);
        }
        long now = System.currentTimeMillis();
        members.add(roster, userId, Role.MEMBER, now);
        if (room.kind() == RoomKind.STUDY) {
            // a study place lasts while its holder sits in the room: an invitee who never comes is freed
            RoomSeats seats = new RoomSeats(instance, entry.getKey());
            LiveRoom live = seats.get();
            seats.put(live, live.markedAway(userId, now));
        }
        return RoomChange.done(room);
    }

    @Override
    public int getClassId() {
        return ProcessorFactory.INVITE_MEMBER;
    }

    @Override
    void writeFields(ObjectDataOutput out) throws IOException {
        out.writeString(userId);
    }

    @Override
    void readFields(ObjectDataInput in) throws IOException {
        userId = in.readString();
    }
}
