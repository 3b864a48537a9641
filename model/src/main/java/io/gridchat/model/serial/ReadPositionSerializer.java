package io.gridchat.model.serial;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.gridchat.model.ReadPosition;

final class ReadPositionSerializer implements CompactSerializer<ReadPosition> {
    @Override
    public ReadPosition read(CompactReader in) {
        return new ReadPosition(in.readString("roomId"), in.readString("userId"), in.readInt64("seq"),
                in.readInt64("deliveredSeq"), in.readInt64("updatedAt"));
    }

    @Override
    public void write(CompactWriter out, ReadPosition position) {
        out.writeString("roomId", position.roomId());
        out.writeString("userId", position.userId());
        out.writeInt64("seq", position.seq());
        out.writeInt64("deliveredSeq", position.deliveredSeq());
        out.writeInt64("updatedAt", position.updatedAt());
    }

    @Override
    public String getTypeName() {
        return "gridchat.ReadPosition";
    }

    @Override
    public Class<ReadPosition> getCompactClass() {
        return ReadPosition.class;
    }
}
