package io.gridchat.model.serial;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.gridchat.model.MessageKey;

final class MessageKeySerializer implements CompactSerializer<MessageKey> {
    @Override
    public MessageKey read(CompactReader in) {
        return new MessageKey(in.readString("roomId"), in.readInt64("seq"));
    }

    @Override
    public void write(CompactWriter out, MessageKey key) {
        out.writeString("roomId", key.roomId());
        out.writeInt64("seq", key.seq());
    }

    @Override
    public String getTypeName() {
        return "gridchat.MessageKey";
    }

    @Override
    public Class<MessageKey> getCompactClass() {
        return MessageKey.class;
    }
}
