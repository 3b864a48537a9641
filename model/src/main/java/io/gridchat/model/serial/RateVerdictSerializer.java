package io.gridchat.model.serial;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.gridchat.model.RateVerdict;

final class RateVerdictSerializer implements CompactSerializer<RateVerdict> {
    @Override
    public RateVerdict read(CompactReader in) {
        return new RateVerdict(in.readBoolean("allowed"), in.readInt64("retryAfterMs"), in.readInt64("windowStart"),
                in.readInt32("granted"));
    }

    @Override
    public void write(CompactWriter out, RateVerdict verdict) {
        out.writeBoolean("allowed", verdict.allowed());
        out.writeInt64("retryAfterMs", verdict.retryAfterMs());
        out.writeInt64("windowStart", verdict.windowStart());
        out.writeInt32("granted", verdict.granted());
    }

    @Override
    public String getTypeName() {
        return "gridchat.RateVerdict";
    }

    @Override
    public Class<RateVerdict> getCompactClass() {
        return RateVerdict.class;
    }
}
