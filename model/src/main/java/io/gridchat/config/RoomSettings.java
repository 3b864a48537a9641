package io.gridchat.config;

/**
 * Rooms: study-room places and the active-rooms ranking.
 *
 * @param studyGraceSeconds   a study-room participant whose last connection went keeps their place this long
 *                            (for a reconnect); then it is freed and the others get {@code left}
 * @param activeRefreshMillis how often each member re-ranks the rooms it owns for {@code GET /api/v1/rooms}
 * @param activeLimit         most rooms the ranking keeps per member and a request may ask for
 * @param closeEmptyStudyRoomsAfterSeconds a study room with nobody in it (and no message) for this long is
 *                            closed: the room, its memberships and timer are deleted (its messages stay in MySQL)
 */
public record RoomSettings(int studyGraceSeconds, int activeRefreshMillis, int activeLimit,
                           int closeEmptyStudyRoomsAfterSeconds) {
    /** Key of this record in a member's user context. */
    public static final String USER_CONTEXT_KEY = "gridchat.rooms";

    public RoomSettings {
        ConfigException.check(studyGraceSeconds >= 1, "rooms.studyGraceSeconds", "must be at least 1");
        ConfigException.check(activeRefreshMillis >= 100, "rooms.activeRefreshMillis", "must be at least 100");
        ConfigException.check(activeLimit >= 1 && activeLimit <= 1000, "rooms.activeLimit", "must be 1 to 1000");
        ConfigException.check(closeEmptyStudyRoomsAfterSeconds >= 1, "rooms.closeEmptyStudyRoomsAfterSeconds",
                "must be at least 1");
    }

    public long closeEmptyStudyRoomsAfterMillis() {
        return closeEmptyStudyRoomsAfterSeconds * 1000L;
    }

    public long studyGraceMillis() {
        return studyGraceSeconds * 1000L;
    }
}
