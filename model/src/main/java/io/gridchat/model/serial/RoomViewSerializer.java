package io.gridchat.model.serial;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.gridchat.model.RoomView;

final class RoomViewSerializer implements CompactSerializer<RoomView> {
    @Override
    public RoomView read(CompactReader in) {
        return new RoomView(in.readCompact("room"), in.readInt32("participantCount"), in.readCompact("timer"));
    }

    @Override
    public void write(CompactWriter out, RoomView view) {
        out.writeCompact("room", view.room());
        out.writeInt32("participantCount", view.participantCount());
        out.writeCompact("timer", view.timer());
    }

    @Override
    public String getTypeName() {
        return "gridchat.RoomView";
    }

    @Override
    public Class<RoomView> getCompactClass() {
        return RoomView.class;
    }
}
