package io.gridchat.model;

import java.util.Comparator;

/**
 * A room in the active-rooms ranking: its metadata, how many users sit in it now and how many messages it had
 * in the last ten minutes.
 */
public record ActiveRoom(Room room, int liveUsers, long recentMessages) {
    /** Most live users first, then most recent messages, then room id (a stable order for equal rooms). */
    public static final Comparator<ActiveRoom> MOST_ACTIVE_FIRST = Comparator
            .comparingInt(ActiveRoom::liveUsers).reversed()
            .thenComparing(Comparator.comparingLong(ActiveRoom::recentMessages).reversed())
            .thenComparing(active -> active.room().roomId());
}
