package io.gridchat.model.serial;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.gridchat.model.ActiveRoom;

final class ActiveRoomSerializer implements CompactSerializer<ActiveRoom> {
    @Override
    public ActiveRoom read(CompactReader in) {
        return new ActiveRoom(in.readCompact("room"), in.readInt32("liveUsers"), in.readInt64("recentMessages"));
    }

    @Override
    public void write(CompactWriter out, ActiveRoom active) {
        out.writeCompact("room", active.room());
        out.writeInt32("liveUsers", active.liveUsers());
        out.writeInt64("recentMessages", active.recentMessages());
    }

    @Override
    public String getTypeName() {
        return "gridchat.ActiveRoom";
    }

    @Override
    public Class<ActiveRoom> getCompactClass() {
        return ActiveRoom.class;
    }
}
