package io.gridchat.model;

import java.util.List;

/** One edge node's share of a message: the message and the recipients whose connections it holds. */
public record EdgeDelivery(String edgeId, ChatMessage message, List<String> userIds) {
    public EdgeDelivery {
        userIds = List.copyOf(userIds);
    }
}
