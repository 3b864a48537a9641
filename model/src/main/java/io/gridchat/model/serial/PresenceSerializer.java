package io.gridchat.model.serial;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.gridchat.model.Presence;
import io.gridchat.model.PresenceStatus;

final class PresenceSerializer implements CompactSerializer<Presence> {
    @Override
    public Presence read(CompactReader in) {
        return new Presence(in.readString("userId"), PresenceStatus.valueOf(in.readString("status")),
                in.readInt64("lastSeen"), in.readInt64("lastActive"));
    }

    @Override
    public void write(CompactWriter out, Presence presence) {
        out.writeString("userId", presence.userId());
        out.writeString("status", presence.status().name());
        out.writeInt64("lastSeen", presence.lastSeen());
        out.writeInt64("lastActive", presence.lastActive());
    }

    @Override
    public String getTypeName() {
        return "gridchat.Presence";
    }

    @Override
    public Class<Presence> getCompactClass() {
        return Presence.class;
    }
}
