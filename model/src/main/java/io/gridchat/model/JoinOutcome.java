package io.gridchat.model;

/** How a join ended. */
public enum JoinOutcome {
    JOINED, ALREADY_MEMBER, NO_SUCH_ROOM, ROOM_FULL, FORBIDDEN, BANNED
}
