package io.gridchat.model.processor;

import com.hazelcast.map.IMap;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.gridchat.model.MapNames;
import io.gridchat.model.Membership;
import io.gridchat.model.Room;
import io.gridchat.model.RoomChange;
import io.gridchat.model.RoomChangeOutcome;
import io.gridchat.model.RoomKind;
import io.gridchat.model.RoomTimer;
import io.gridchat.model.TimerState;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * A participant of a study room starts, pauses, resumes or ends the room's shared focus timer. Start works in
 * any state (a new session); pause needs it running, resume paused, end running or paused.
 */
public final class ChangeTimer extends RoomChangeProcessor {
    /** What a participant does to the timer. */
    public enum Action {
        START, PAUSE, RESUME, END;

        /** Parses a wire name ("start", ...); null for anything else. */
        public static Action fromWire(String value) {
            for (Action action : values()) {
                if (action.name().toLowerCase(Locale.ROOT).equals(value)) {
                    return action;
                }
            }
            return null;
        }
    }

    private Action action;
    private long durationMs;

    public ChangeTimer() {
    }

    public ChangeTimer(String byUserId, Action action, long durationMs) {
        super(byUserId);
        this.action = action;
        this.durationMs = durationMs;
    }

    @Override
    RoomChange change(Map.Entry<String, Room> entry, Room room, RoomMembers members, Membership actor) {
        if (room.kind() != RoomKind.STUDY) {
            return RoomChange.refused(RoomChangeOutcome.NOT_ALLOWED);
        }
        IMap<String, RoomTimer> timers = GridContext.map(instance, MapNames.ROOM_TIMERS);
        long now = System.currentTimeMillis();
        RoomTimer current = PartitionReads.get(instance, MapNames.ROOM_TIMERS, room.roomId());
        TimerState state = current == null ? TimerState.ENDED : current.stateAt(now);
        RoomTimer next = switch (action) {
            case START -> RoomTimer.started(room.roomId(), durationMs, byUserId, now);
            case PAUSE -> state == TimerState.RUNNING ? current.paused(byUserId, now) : null;
            case RESUME -> state == TimerState.PAUSED ? current.resumed(byUserId, now) : null;
            case END -> state == TimerState.ENDED ? null : current.ended(byUserId, now);
        };
        if (next == null) {
            return new RoomChange(RoomChangeOutcome.WRONG_STATE, room, current);
        }
        timers.set(room.roomId(), next);
        return new RoomChange(RoomChangeOutcome.DONE, room, next);
    }

    @Override
    public int getClassId() {
        return ProcessorFactory.CHANGE_TIMER;
    }

    @Override
    void writeFields(ObjectDataOutput out) throws IOException {
        out.writeString(action.name());
        out.writeLong(durationMs);
    }

    @Override
    void readFields(ObjectDataInput in) throws IOException {
        action = Action.valueOf(in.readString());
        durationMs = in.readLong();
    }
}
