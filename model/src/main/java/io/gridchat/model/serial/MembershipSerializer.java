package io.gridchat.model.serial;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.gridchat.model.Membership;
import io.gridchat.model.Role;

final class MembershipSerializer implements CompactSerializer<Membership> {
    @Override
    public Membership read(CompactReader in) {
        return new Membership(in.readString("roomId"), in.readString("userId"), Role.valueOf(in.readString("role")),
                in.readInt64("joinedAt"));
    }

    @Override
    public void write(CompactWriter out, Membership membership) {
        out.writeString("roomId", membership.roomId());
        out.writeString("userId", membership.userId());
        out.writeString("role", membership.role().name());
        out.writeInt64("joinedAt", membership.joinedAt());
    }

    @Override
    public String getTypeName() {
        return "gridchat.Membership";
    }

    @Override
    public Class<Membership> getCompactClass() {
        return Membership.class;
    }
}
