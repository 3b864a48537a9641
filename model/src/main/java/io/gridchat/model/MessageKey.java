package io.gridchat.model;

import com.hazelcast.partition.PartitionAware;

/** Key of one message: the room and its seq. Lives on the room's partition, beside the room's counter. */
public record MessageKey(String roomId, long seq) implements PartitionAware<String> {
    @Override
    public String getPartitionKey() {
        return roomId;
    }
}
