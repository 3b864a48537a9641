package io.gridchat.model;

/**
 * A study room's shared focus timer. Running: it ends at {@code endsAt}; paused: {@code remainingMs} are left;
 * ended: a session is over (or was never started). {@code changedBy} and {@code changedAt} name the last change.
 */
public record RoomTimer(String roomId, TimerState state, long durationMs, long endsAt, long remainingMs,
                        String changedBy, long changedAt) {

    public static RoomTimer started(String roomId, long durationMs, String by, long now) {
        return new RoomTimer(roomId, TimerState.RUNNING, durationMs, now + durationMs, durationMs, by, now);
    }

    /** A running timer whose end has passed counts as ended. */
    public TimerState stateAt(long now) {
        return state == TimerState.RUNNING && now >= endsAt ? TimerState.ENDED : state;
    }

    public RoomTimer paused(String by, long now) {
        return new RoomTimer(roomId, TimerState.PAUSED, durationMs, 0, Math.max(0, endsAt - now), by, now);
    }

    public RoomTimer resumed(String by, long now) {
        return new RoomTimer(roomId, TimerState.RUNNING, durationMs, now + remainingMs, remainingMs, by, now);
    }

    public RoomTimer ended(String by, long now) {
        return new RoomTimer(roomId, TimerState.ENDED, durationMs, 0, 0, by, now);
    }
}
