package io.gridchat.model.serial;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import com.hazelcast.nio.serialization.FieldKind;
import io.gridchat.model.RoomLog;

final class RoomLogSerializer implements CompactSerializer<RoomLog> {
    @Override
    public RoomLog read(CompactReader in) {
        long lastSeq = in.readInt64("lastSeq");
        // Written before evictedTo existed: treat every message as evicted (nothing is evicted twice).
        long evictedTo = in.getFieldKind("evictedTo") == FieldKind.INT64 ? in.readInt64("evictedTo") : lastSeq;
        return new RoomLog(lastSeq, in.readInt64("lastTs"), evictedTo);
    }

    @Override
    public void write(CompactWriter out, RoomLog log) {
        out.writeInt64("lastSeq", log.lastSeq());
        out.writeInt64("lastTs", log.lastTs());
        out.writeInt64("evictedTo", log.evictedTo());
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
