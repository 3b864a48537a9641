package io.gridchat.model.serial;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.gridchat.model.SendOutcome;
import io.gridchat.model.SendResult;

final class SendResultSerializer implements CompactSerializer<SendResult> {
    @Override
    public SendResult read(CompactReader in) {
        return new SendResult(SendOutcome.valueOf(in.readString("outcome")), in.readCompact("ref"));
    }

    @Override
    public void write(CompactWriter out, SendResult result) {
        out.writeString("outcome", result.outcome().name());
        out.writeCompact("ref", result.ref());
    }

    @Override
    public String getTypeName() {
        return "gridchat.SendResult";
    }

    @Override
    public Class<SendResult> getCompactClass() {
        return SendResult.class;
    }
}
