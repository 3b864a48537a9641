package io.gridchat.model.serial;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.gridchat.model.ReadResult;

final class ReadResultSerializer implements CompactSerializer<ReadResult> {
    @Override
    public ReadResult read(CompactReader in) {
        return new ReadResult(in.readBoolean("member"), in.readInt64("previousSeq"), in.readInt64("seq"));
    }

    @Override
    public void write(CompactWriter out, ReadResult result) {
        out.writeBoolean("member", result.member());
        out.writeInt64("previousSeq", result.previousSeq());
        out.writeInt64("seq", result.seq());
    }

    @Override
    public String getTypeName() {
        return "gridchat.ReadResult";
    }

    @Override
    public Class<ReadResult> getCompactClass() {
        return ReadResult.class;
    }
}
