package io.gridchat.model;

/**
 * A user's presence in the grid. Online and away entries carry a TTL that heartbeats renew; when it runs
 * out the user is offline. Offline entries only remember {@code lastSeen}.
 *
 * @param lastSeen   last heartbeat of any connection of the user (for offline: when they went)
 * @param lastActive last user activity (a frame other than ping) reported by any connection
 */
public record Presence(String userId, PresenceStatus status, long lastSeen, long lastActive) {
}
