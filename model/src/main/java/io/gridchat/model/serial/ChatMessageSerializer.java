package io.gridchat.model.serial;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.gridchat.model.ChatMessage;

final class ChatMessageSerializer implements CompactSerializer<ChatMessage> {
    @Override
    public ChatMessage read(CompactReader in) {
        return new ChatMessage(in.readString("roomId"), in.readInt64("seq"), in.readString("msgId"),
                in.readString("from"), in.readString("text"), in.readInt64("ts"), in.readString("clientMsgId"));
    }

    @Override
    public void write(CompactWriter out, ChatMessage message) {
        out.writeString("roomId", message.roomId());
        out.writeInt64("seq", message.seq());
        out.writeString("msgId", message.msgId());
        out.writeString("from", message.from());
        out.writeString("text", message.text());
        out.writeInt64("ts", message.ts());
        out.writeString("clientMsgId", message.clientMsgId());
    }

    @Override
    public String getTypeName() {
        return "gridchat.ChatMessage";
    }

    @Override
    public Class<ChatMessage> getCompactClass() {
        return ChatMessage.class;
    }
}
