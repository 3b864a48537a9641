package io.gridchat.model.processor;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.gridchat.model.OfflineMarks;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Queues {@code seq} of a room for the user keyed, who has no connection. Idempotent; same on backup. */
public final class MarkOffline implements EntryProcessor<String, OfflineMarks, Void>, IdentifiedDataSerializable {
    private String roomId;
    private long seq;

    public MarkOffline() {
    }

    public MarkOffline(String roomId, long seq) {
        this.roomId = roomId;
        this.seq = seq;
    }

    @Override
    public Void process(Map.Entry<String, OfflineMarks> entry) {
        OfflineMarks current = entry.getValue() == null ? new OfflineMarks(entry.getKey(), List.of()) : entry.getValue();
        entry.setValue(current.with(roomId, seq));
        return null;
    }

    @Override
    public int getFactoryId() {
        return ProcessorFactory.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ProcessorFactory.MARK_OFFLINE;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(roomId);
        out.writeLong(seq);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        roomId = in.readString();
        seq = in.readLong();
    }
}
