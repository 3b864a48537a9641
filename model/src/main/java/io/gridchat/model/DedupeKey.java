package io.gridchat.model;

import com.hazelcast.partition.PartitionAware;

/** A client's message id within a room and sender; lives on the room's partition. */
public record DedupeKey(String roomId, String userId, String clientMsgId) implements PartitionAware<String> {
    @Override
    public String getPartitionKey() {
        return roomId;
    }
}
