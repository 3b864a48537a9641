package io.gridchat.model;

/** A member's role in a room. */
public enum Role {
    OWNER, MODERATOR, MEMBER
}
