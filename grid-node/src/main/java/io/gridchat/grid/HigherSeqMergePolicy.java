package io.gridchat.grid;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.spi.merge.MergingValue;
import com.hazelcast.spi.merge.SplitBrainMergePolicy;
import io.gridchat.model.RoomLog;

/**
 * Merge policy of {@code room-logs} after a split brain: the counter that went further wins, so a room's next
 * seq is past every message either half accepted and no seq is handed out twice after the merge (messages
 * the two halves gave the same seq still collide; see README, "Split brain").
 */
public final class HigherSeqMergePolicy implements SplitBrainMergePolicy<RoomLog, MergingValue<RoomLog>, Object> {
    @Override
    public Object merge(MergingValue<RoomLog> merging, MergingValue<RoomLog> existing) {
        if (existing == null) {
            return merging.getRawValue();
        }
        RoomLog incoming = merging.getValue();
        RoomLog current = existing.getValue();
        return incoming != null && (current == null || incoming.lastSeq() > current.lastSeq())
                ? merging.getRawValue() : existing.getRawValue();
    }

    @Override
    public void writeData(ObjectDataOutput out) {
        // stateless
    }

    @Override
    public void readData(ObjectDataInput in) {
        // stateless
    }
}
