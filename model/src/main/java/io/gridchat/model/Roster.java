package io.gridchat.model;

import java.util.ArrayList;
import java.util.List;

/** The user ids of a room's members, in join order. Rewritten on join and leave only, never per message. */
public record Roster(String roomId, List<String> userIds) {
    public Roster {
        userIds = List.copyOf(userIds);
    }

    public static Roster empty(String roomId) {
        return new Roster(roomId, List.of());
    }

    public boolean contains(String userId) {
        return userIds.contains(userId);
    }

    public Roster with(String userId) {
        if (contains(userId)) {
            return this;
        }
        List<String> next = new ArrayList<>(userIds.size() + 1);
        next.addAll(userIds);
        next.add(userId);
        return new Roster(roomId, next);
    }

    public Roster without(String userId) {
        if (!contains(userId)) {
            return this;
        }
        List<String> next = new ArrayList<>(userIds);
        next.remove(userId);
        return new Roster(roomId, next);
    }
}
