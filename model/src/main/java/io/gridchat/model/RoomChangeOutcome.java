package io.gridchat.model;

/** How a change to a room (moderation, rename, timer) ended. */
public enum RoomChangeOutcome {
    /** Done. */
    DONE,
    NO_SUCH_ROOM,
    /** The caller's role (or the room's kind) does not allow it. */
    NOT_ALLOWED,
    /** The user it names is not a member. */
    NOT_A_MEMBER,
    ALREADY_MEMBER,
    /** The user it names is banned from the room. */
    BANNED,
    ROOM_FULL,
    /** The timer is not in a state this action applies to (e.g. pause while not running). */
    WRONG_STATE
}
