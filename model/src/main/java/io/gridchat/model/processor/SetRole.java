package io.gridchat.model.processor;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.gridchat.model.Membership;
import io.gridchat.model.Role;
import io.gridchat.model.Room;
import io.gridchat.model.RoomChange;
import io.gridchat.model.RoomChangeOutcome;
import java.io.IOException;
import java.util.Map;

/** The owner makes a member a moderator or a moderator a member again (ownership does not move). */
public final class SetRole extends RoomChangeProcessor {
    private String userId;
    private Role role;

    public SetRole() {
    }

    public SetRole(String byUserId, String userId, Role role) {
        super(byUserId);
        this.userId = userId;
        this.role = role;
    }

    @Override
    RoomChange change(Map.Entry<String, Room> entry, Room room, RoomMembers members, Membership actor) {
        if (actor.role() != Role.OWNER || role == Role.OWNER || userId.equals(byUserId)) {
            return RoomChange.refused(RoomChangeOutcome.NOT_ALLOWED);
        }
        Membership target = members.membership(userId);
        if (target == null) {
            return RoomChange.refused(RoomChangeOutcome.NOT_A_MEMBER);
        }
        if (target.role() != role) {
            members.setRole(target, role);
        }
        return RoomChange.done(room);
    }

    @Override
    public int getClassId() {
        return ProcessorFactory.SET_ROLE;
    }

    @Override
    void writeFields(ObjectDataOutput out) throws IOException {
        out.writeString(userId);
        out.writeString(role.name());
    }

    @Override
    void readFields(ObjectDataInput in) throws IOException {
        userId = in.readString();
        role = Role.valueOf(in.readString());
    }
}
