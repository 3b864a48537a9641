package io.gridchat.model;

/** The sequence state of one room: the seq and accept time of its latest message. */
public record RoomLog(long lastSeq, long lastTs) {
    public static final RoomLog EMPTY = new RoomLog(0, 0);
}
