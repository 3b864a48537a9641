package io.gridchat.model;

/** One live WebSocket connection of a user: which edge node holds it. */
public record Connection(String edgeId, String connectionId, long since) {
}
