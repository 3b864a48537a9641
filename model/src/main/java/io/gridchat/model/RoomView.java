package io.gridchat.model;

/** A room with how many members it has, and its timer (study rooms; null when none or not looked up). */
public record RoomView(Room room, int participantCount, RoomTimer timer) {
    public RoomView(Room room, int participantCount) {
        this(room, participantCount, null);
    }
}
