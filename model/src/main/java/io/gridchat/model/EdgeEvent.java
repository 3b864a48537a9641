package io.gridchat.model;

import java.util.List;

/**
 * A room event that is not stored (typing, for instance) for one edge node: the JSON frame, encoded once
 * by the edge node it came from, and the recipients whose connections the target node holds.
 */
public record EdgeEvent(String edgeId, String roomId, String frame, List<String> userIds) {
    public EdgeEvent {
        userIds = List.copyOf(userIds);
    }
}
