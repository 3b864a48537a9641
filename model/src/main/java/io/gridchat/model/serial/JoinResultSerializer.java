package io.gridchat.model.serial;

import com.hazelcast.nio.serialization.FieldKind;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.gridchat.model.ChatMessage;
import io.gridchat.model.JoinOutcome;
import io.gridchat.model.JoinResult;
import java.util.Arrays;

final class JoinResultSerializer implements CompactSerializer<JoinResult> {
    @Override
    public JoinResult read(CompactReader in) {
        ChatMessage[] recent = in.readArrayOfCompact("recent", ChatMessage.class);
        return new JoinResult(JoinOutcome.valueOf(in.readString("outcome")),
                Arrays.asList(in.readArrayOfString("participants")), in.readInt64("lastSeq"),
                recent == null ? null : Arrays.asList(recent),
                in.getFieldKind("readSeq") == FieldKind.INT64 ? in.readInt64("readSeq") : 0);
    }

    @Override
    public void write(CompactWriter out, JoinResult result) {
        out.writeString("outcome", result.outcome().name());
        out.writeArrayOfString("participants", result.participants().toArray(String[]::new));
        out.writeInt64("lastSeq", result.lastSeq());
        out.writeArrayOfCompact("recent", result.recent() == null ? null
                : result.recent().toArray(ChatMessage[]::new));
        out.writeInt64("readSeq", result.readSeq());
    }

    @Override
    public String getTypeName() {
        return "gridchat.JoinResult";
    }

    @Override
    public Class<JoinResult> getCompactClass() {
        return JoinResult.class;
    }
}
