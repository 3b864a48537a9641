package io.gridchat.model;

import com.hazelcast.partition.PartitionAware;

/** Key of a membership; lives on the room's partition. */
public record MemberKey(String roomId, String userId) implements PartitionAware<String> {
    @Override
    public String getPartitionKey() {
        return roomId;
    }
}
