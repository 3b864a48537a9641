package io.gridchat.model;

/** Room metadata. Changes rarely; the per-message counter lives in {@link RoomLog}. */
public record Room(String roomId, String name, RoomKind kind, String topic, int capacity, String ownerId,
                   long createdAt) {
}
