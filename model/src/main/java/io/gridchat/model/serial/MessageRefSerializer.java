package io.gridchat.model.serial;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.gridchat.model.MessageRef;

final class MessageRefSerializer implements CompactSerializer<MessageRef> {
    @Override
    public MessageRef read(CompactReader in) {
        return new MessageRef(in.readString("msgId"), in.readInt64("seq"), in.readInt64("ts"));
    }

    @Override
    public void write(CompactWriter out, MessageRef ref) {
        out.writeString("msgId", ref.msgId());
        out.writeInt64("seq", ref.seq());
        out.writeInt64("ts", ref.ts());
    }

    @Override
    public String getTypeName() {
        return "gridchat.MessageRef";
    }

    @Override
    public Class<MessageRef> getCompactClass() {
        return MessageRef.class;
    }
}
