package io.gridchat.model.serial;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.gridchat.model.MemberKey;

final class MemberKeySerializer implements CompactSerializer<MemberKey> {
    @Override
    public MemberKey read(CompactReader in) {
        return new MemberKey(in.readString("roomId"), in.readString("userId"));
    }

    @Override
    public void write(CompactWriter out, MemberKey key) {
        out.writeString("roomId", key.roomId());
        out.writeString("userId", key.userId());
    }

    @Override
    public String getTypeName() {
        return "gridchat.MemberKey";
    }

    @Override
    public Class<MemberKey> getCompactClass() {
        return MemberKey.class;
    }
}
