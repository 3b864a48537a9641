package io.gridchat.model.serial;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.gridchat.model.RoomLog;

final class RoomLogSerializer implements CompactSerializer<RoomLog> {
    @Override
    public RoomLog read(CompactReader in) {
        return new RoomLog(in.readInt64("lastSeq"), in.readInt64("lastTs"));
    }

    @Override
    public void write(CompactWriter out, RoomLog log) {
        out.writeInt64("lastSeq", log.lastSeq());
        out.writeInt64("lastTs", log.lastTs());
    }

    @Override
    public String getTypeName() {
        return "gridchat.RoomLog";
    }

    @Override
    public Class<RoomLog> getCompactClass() {
        return RoomLog.class;
    }
}
