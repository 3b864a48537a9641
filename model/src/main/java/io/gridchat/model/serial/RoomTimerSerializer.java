package io.gridchat.model.serial;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.gridchat.model.RoomTimer;
import io.gridchat.model.TimerState;

final class RoomTimerSerializer implements CompactSerializer<RoomTimer> {
    @Override
    public RoomTimer read(CompactReader in) {
        return new RoomTimer(in.readString("roomId"), TimerState.valueOf(in.readString("state")),
                in.readInt64("durationMs"), in.readInt64("endsAt"), in.readInt64("remainingMs"),
                in.readString("changedBy"), in.readInt64("changedAt"));
    }

    @Override
    public void write(CompactWriter out, RoomTimer timer) {
        out.writeString("roomId", timer.roomId());
        out.writeString("state", timer.state().name());
        out.writeInt64("durationMs", timer.durationMs());
        out.writeInt64("endsAt", timer.endsAt());
        out.writeInt64("remainingMs", timer.remainingMs());
        out.writeString("changedBy", timer.changedBy());
        out.writeInt64("changedAt", timer.changedAt());
    }

    @Override
    public String getTypeName() {
        return "gridchat.RoomTimer";
    }

    @Override
    public Class<RoomTimer> getCompactClass() {
        return RoomTimer.class;
    }
}
