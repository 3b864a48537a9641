package io.gridchat.model;

/**
 * The sequence state of one room: the seq and accept time of its latest message, and the seq up to which its
 * messages were evicted from memory (all older ones are in MySQL only).
 */
public record RoomLog(long lastSeq, long lastTs, long evictedTo) {
    public static final RoomLog EMPTY = new RoomLog(0, 0, 0);

    /** The state of a room read back from MySQL: none of its messages is in memory. */
    public static RoomLog loaded(long lastSeq, long lastTs) {
        return new RoomLog(lastSeq, lastTs, lastSeq);
    }
}
