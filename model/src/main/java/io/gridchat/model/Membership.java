package io.gridchat.model;

/** That a user belongs to a room, with which role and since when. */
public record Membership(String roomId, String userId, Role role, long joinedAt) {
}
