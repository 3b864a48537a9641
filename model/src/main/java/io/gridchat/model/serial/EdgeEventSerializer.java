package io.gridchat.model.serial;

import com.hazelcast.nio.serialization.FieldKind;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.gridchat.model.EdgeEvent;
import java.util.Arrays;

final class EdgeEventSerializer implements CompactSerializer<EdgeEvent> {
    @Override
    public EdgeEvent read(CompactReader in) {
        return new EdgeEvent(in.readString("edgeId"), in.readString("roomId"), in.readString("frame"),
                Arrays.asList(in.readArrayOfString("userIds")), in.readString("watchUserId"),
                // events written before the field existed (a ring read across an upgrade) have none
                in.getFieldKind("unwatchUserId") == FieldKind.STRING ? in.readString("unwatchUserId") : "");
    }

    @Override
    public void write(CompactWriter out, EdgeEvent event) {
        out.writeString("edgeId", event.edgeId());
        out.writeString("roomId", event.roomId());
        out.writeString("frame", event.frame());
        out.writeArrayOfString("userIds", event.userIds().toArray(String[]::new));
        out.writeString("watchUserId", event.watchUserId());
        out.writeString("unwatchUserId", event.unwatchUserId());
    }

    @Override
    public String getTypeName() {
        return "gridchat.EdgeEvent";
    }

    @Override
    public Class<EdgeEvent> getCompactClass() {
        return EdgeEvent.class;
    }
}
