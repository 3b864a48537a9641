package io.gridchat.model.serial;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.gridchat.model.Ban;

final class BanSerializer implements CompactSerializer<Ban> {
    @Override
    public Ban read(CompactReader in) {
        return new Ban(in.readString("roomId"), in.readString("userId"), in.readString("bannedBy"),
                in.readInt64("bannedAt"));
    }

    @Override
    public void write(CompactWriter out, Ban ban) {
        out.writeString("roomId", ban.roomId());
        out.writeString("userId", ban.userId());
        out.writeString("bannedBy", ban.bannedBy());
        out.writeInt64("bannedAt", ban.bannedAt());
    }

    @Override
    public String getTypeName() {
        return "gridchat.Ban";
    }

    @Override
    public Class<Ban> getCompactClass() {
        return Ban.class;
    }
}
