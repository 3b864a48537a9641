package io.gridchat.model;

import java.util.List;

/**
 * A room event that is not stored (typing, joined, left) for one edge node: the JSON frame, encoded once by
 * the edge node it came from, and the recipients whose connections the target node holds.
 *
 * @param watchUserId   when not empty, the recipients' connections start watching this user's presence for
 *                      the room (they now share it; for a friendship when {@code roomId} is empty)
 * @param unwatchUserId when not empty, this user no longer shares the room with the recipients (a friendship
 *                      when {@code roomId} is empty): they stop watching them for it; when it is the recipient
 *                      themself, they stop watching everyone they watched for the room
 */
public record EdgeEvent(String edgeId, String roomId, String frame, List<String> userIds, String watchUserId,
                        String unwatchUserId) {
    public EdgeEvent {
        userIds = List.copyOf(userIds);
        watchUserId = watchUserId == null ? "" : watchUserId;
        unwatchUserId = unwatchUserId == null ? "" : unwatchUserId;
    }

    public EdgeEvent(String edgeId, String roomId, String frame, List<String> userIds) {
        this(edgeId, roomId, frame, userIds, "", "");
    }
}
