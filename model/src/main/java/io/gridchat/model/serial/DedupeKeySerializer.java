package io.gridchat.model.serial;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.gridchat.model.DedupeKey;

final class DedupeKeySerializer implements CompactSerializer<DedupeKey> {
    @Override
    public DedupeKey read(CompactReader in) {
        return new DedupeKey(in.readString("roomId"), in.readString("userId"), in.readString("clientMsgId"));
    }

    @Override
    public void write(CompactWriter out, DedupeKey key) {
        out.writeString("roomId", key.roomId());
        out.writeString("userId", key.userId());
        out.writeString("clientMsgId", key.clientMsgId());
    }

    @Override
    public String getTypeName() {
        return "gridchat.DedupeKey";
    }

    @Override
    public Class<DedupeKey> getCompactClass() {
        return DedupeKey.class;
    }
}
