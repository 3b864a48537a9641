package io.gridchat.model.processor;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.gridchat.model.Membership;
import io.gridchat.model.Room;
import io.gridchat.model.RoomChange;
import io.gridchat.model.RoomChangeOutcome;
import java.io.IOException;
import java.util.Map;

/** An owner or moderator lets a banned user join again (they are not made a member). */
public final class LiftBan extends RoomChangeProcessor {
    private String userId;

    public LiftBan() {
    }

    public LiftBan(String byUserId, String userId) {
        super(byUserId);
        this.userId = userId;
    }

    @Override
    RoomChange change(Map.Entry<String, Room> entry, Room room, RoomMembers members, Membership actor) {
        if (!actor.role().moderates()) {
            return RoomChange.refused(RoomChangeOutcome.NOT_ALLOWED);
        }
        return members.unban(userId) ? RoomChange.done(room) : RoomChange.refused(RoomChangeOutcome.NOT_A_MEMBER);
    }

    @Override
    public int getClassId() {
        return ProcessorFactory.LIFT_BAN;
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
