package io.gridchat.model.processor;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.gridchat.model.LiveRoom;
import io.gridchat.model.Membership;
import io.gridchat.model.Room;
import io.gridchat.model.RoomChange;
import io.gridchat.model.RoomChangeOutcome;
import java.io.IOException;
import java.util.Map;

/**
 * An owner or moderator removes a member of lower role (kick), or with {@code ban} also bars them from joining
 * and reading again; a ban needs no membership (it may bar someone before they come). Seats go too.
 */
public final class RemoveMember extends RoomChangeProcessor {
    private String userId;
    private boolean ban;

    public RemoveMember() {
    }

    public RemoveMember(String byUserId, String userId, boolean ban) {
        super(byUserId);
        this.userId = userId;
        this.ban = ban;
    }

    @Override
    RoomChange change(Map.Entry<String, Room> entry, Room room, RoomMembers members, Membership actor) {
        Membership target = members.membership(userId);
        if (!actor.role().moderates() || userId.equals(byUserId) || userId.equals(room.ownerId())
                || target != null && !actor.role().outranks(target.role())) {
            return RoomChange.refused(RoomChangeOutcome.NOT_ALLOWED);
        }
        if (target == null && !ban) {
            return RoomChange.refused(RoomChangeOutcome.NOT_A_MEMBER);
        }
        if (ban) {
            members.ban(userId, byUserId, System.currentTimeMillis());
        }
        if (target != null) {
            members.remove(userId);
            RoomSeats seats = new RoomSeats(instance, entry.getKey());
            LiveRoom live = seats.get();
            seats.put(live, live.withoutUser(userId));
        }
        return RoomChange.done(room);
    }

    @Override
    public int getClassId() {
        return ProcessorFactory.REMOVE_MEMBER;
    }

    @Override
    void writeFields(ObjectDataOutput out) throws IOException {
        out.writeString(userId);
        out.writeBoolean(ban);
    }

    @Override
    void readFields(ObjectDataInput in) throws IOException {
        userId = in.readString();
        ban = in.readBoolean();
    }
}
