package io.gridchat.model.serial;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.gridchat.model.PresenceChange;
import io.gridchat.model.PresenceStatus;

final class PresenceChangeSerializer implements CompactSerializer<PresenceChange> {
    @Override
    public PresenceChange read(CompactReader in) {
        return new PresenceChange(in.readString("userId"), PresenceStatus.valueOf(in.readString("previous")),
                PresenceStatus.valueOf(in.readString("current")), in.readInt64("lastSeen"));
    }

    @Override
    public void write(CompactWriter out, PresenceChange change) {
        out.writeString("userId", change.userId());
        out.writeString("previous", change.previous().name());
        out.writeString("current", change.current().name());
        out.writeInt64("lastSeen", change.lastSeen());
    }

    @Override
    public String getTypeName() {
        return "gridchat.PresenceChange";
    }

    @Override
    public Class<PresenceChange> getCompactClass() {
        return PresenceChange.class;
    }
}
