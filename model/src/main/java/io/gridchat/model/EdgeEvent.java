package io.gridchat.model;

import java.util.List;

/**
 * A room event that is not stored (typing, joined, left) for one edge node: the JSON frame, encoded once by
 * the edge node it came from, and the recipients whose connections the target node holds.
 *
 * @param watchUserId when not empty, the recipients' connections in the room start watching this user's
 *                    presence (they now share a room with them)
 */
public record EdgeEvent(String edgeId, String roomId, String frame, List<String> userIds, String watchUserId) {
    public EdgeEvent {
        userIds = List.copyOf(userIds);
        watchUserId = watchUserId == null ? "" : watchUserId;
    }

    public EdgeEvent(String edgeId, String roomId, String frame, List<String> userIds) {
        this(edgeId, roomId, frame, userIds, "");
    }
}
