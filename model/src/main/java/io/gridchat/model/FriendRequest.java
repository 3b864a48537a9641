package io.gridchat.model;

/** A pending friend request; its id is derived from the pair in order, so asking twice gives the same request. */
public record FriendRequest(String requestId, String fromUserId, String toUserId, long createdAt) {
    /** {@code fr_} and 40 hex digits: the id of the request from {@code fromUserId} to {@code toUserId}. */
    public static String idOf(String fromUserId, String toUserId) {
        return PairIds.of("fr_", fromUserId, toUserId);
    }
}
