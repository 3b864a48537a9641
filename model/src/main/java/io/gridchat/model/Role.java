package io.gridchat.model;

/** A member's role in a room, highest first. */
public enum Role {
    OWNER, MODERATOR, MEMBER;

    /** Owners and moderators invite, kick, ban, rename and change the topic. */
    public boolean moderates() {
        return this == OWNER || this == MODERATOR;
    }

    /** Strictly higher: a moderator cannot remove another moderator, nobody removes the owner. */
    public boolean outranks(Role other) {
        return ordinal() < other.ordinal();
    }
}
