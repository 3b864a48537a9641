package io.gridchat.model.serial;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.gridchat.model.RoomChange;
import io.gridchat.model.RoomChangeOutcome;

final class RoomChangeSerializer implements CompactSerializer<RoomChange> {
    @Override
    public RoomChange read(CompactReader in) {
        return new RoomChange(RoomChangeOutcome.valueOf(in.readString("outcome")), in.readCompact("room"),
                in.readCompact("timer"));
    }

    @Override
    public void write(CompactWriter out, RoomChange change) {
        out.writeString("outcome", change.outcome().name());
        out.writeCompact("room", change.room());
        out.writeCompact("timer", change.timer());
    }

    @Override
    public String getTypeName() {
        return "gridchat.RoomChange";
    }

    @Override
    public Class<RoomChange> getCompactClass() {
        return RoomChange.class;
    }
}
