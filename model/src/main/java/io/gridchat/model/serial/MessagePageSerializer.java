package io.gridchat.model.serial;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.gridchat.model.ChatMessage;
import io.gridchat.model.MessagePage;
import io.gridchat.model.ReadOutcome;
import java.util.Arrays;

final class MessagePageSerializer implements CompactSerializer<MessagePage> {
    @Override
    public MessagePage read(CompactReader in) {
        return new MessagePage(ReadOutcome.valueOf(in.readString("outcome")),
                Arrays.asList(in.readArrayOfCompact("messages", ChatMessage.class)), in.readInt64("lastSeq"),
                in.readBoolean("hasMore"));
    }

    @Override
    public void write(CompactWriter out, MessagePage page) {
        out.writeString("outcome", page.outcome().name());
        out.writeArrayOfCompact("messages", page.messages().toArray(ChatMessage[]::new));
        out.writeInt64("lastSeq", page.lastSeq());
        out.writeBoolean("hasMore", page.hasMore());
    }

    @Override
    public String getTypeName() {
        return "gridchat.MessagePage";
    }

    @Override
    public Class<MessagePage> getCompactClass() {
        return MessagePage.class;
    }
}
