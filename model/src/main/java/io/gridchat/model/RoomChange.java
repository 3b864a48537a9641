package io.gridchat.model;

/** Result of a room change: its outcome, and the room and timer as they are after it (null where untouched). */
public record RoomChange(RoomChangeOutcome outcome, Room room, RoomTimer timer) {
    public static RoomChange refused(RoomChangeOutcome outcome) {
        return new RoomChange(outcome, null, null);
    }

    public static RoomChange done(Room room) {
        return new RoomChange(RoomChangeOutcome.DONE, room, null);
    }

    public boolean isDone() {
        return outcome == RoomChangeOutcome.DONE;
    }
}
