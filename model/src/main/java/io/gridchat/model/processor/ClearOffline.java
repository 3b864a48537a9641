package io.gridchat.model.processor;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.gridchat.model.OfflineMarks;
import java.io.IOException;
import java.util.Map;

/**
 * Removes what was pushed to the user keyed: seqs up to {@code upToSeq} of a room. Messages queued meanwhile
 * stay. Deterministic, so the backup runs the same processor.
 */
public final class ClearOffline implements EntryProcessor<String, OfflineMarks, Void>, IdentifiedDataSerializable {
    private String roomId;
    private long upToSeq;

    public ClearOffline() {
    }

    public ClearOffline(String roomId, long upToSeq) {
        this.roomId = roomId;
        this.upToSeq = upToSeq;
    }

    @Override
    public Void process(Map.Entry<String, OfflineMarks> entry) {
        if (entry.getValue() != null) {
            OfflineMarks next = entry.getValue().without(roomId, upToSeq);
            entry.setValue(next.marks().isEmpty() ? null : next);
        }
        return null;
    }

    @Override
    public int getFactoryId() {
        return ProcessorFactory.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ProcessorFactory.CLEAR_OFFLINE;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(roomId);
        out.writeLong(upToSeq);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        roomId = in.readString();
        upToSeq = in.readLong();
    }
}
