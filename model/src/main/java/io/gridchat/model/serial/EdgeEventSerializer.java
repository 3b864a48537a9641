package io.gridchat.model.serial;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.gridchat.model.EdgeEvent;
import java.util.Arrays;

final class EdgeEventSerializer implements CompactSerializer<EdgeEvent> {
    @Override
    public EdgeEvent read(CompactReader in) {
        return new EdgeEvent(in.readString("edgeId"), in.readString("roomId"), in.readString("frame"),
                Arrays.asList(in.readArrayOfString("userIds")), in.readString("watchUserId"));
    }

    @Override
    public void write(CompactWriter out, EdgeEvent event) {
        out.writeString("edgeId", event.edgeId());
        out.writeString("roomId", event.roomId());
        out.writeString("frame", event.frame());
        out.writeArrayOfString("userIds", event.userIds().toArray(String[]::new));
        out.writeString("watchUserId", event.watchUserId());
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
