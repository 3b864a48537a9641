package io.gridchat.model;

import java.util.List;

/** Part of the active-rooms ranking (one member's rooms, or all members' merged), most active first. */
public record ActiveRooms(List<ActiveRoom> rooms) {
    public ActiveRooms {
        rooms = List.copyOf(rooms);
    }
}
