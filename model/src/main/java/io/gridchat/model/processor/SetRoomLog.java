package io.gridchat.model.processor;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.gridchat.model.RoomLog;
import io.gridchat.model.SendResult;
import java.io.IOException;
import java.util.Map;

/** Backup side of {@link AppendMessage}: puts the counter the primary computed, a few bytes on the wire. */
final class SetRoomLog implements EntryProcessor<String, RoomLog, SendResult>, IdentifiedDataSerializable {
    private long lastSeq;
    private long lastTs;
    private long evictedTo;

    SetRoomLog() {
    }

    SetRoomLog(RoomLog log) {
        this.lastSeq = log.lastSeq();
        this.lastTs = log.lastTs();
        this.evictedTo = log.evictedTo();
    }

    @Override
    public SendResult process(Map.Entry<String, RoomLog> entry) {
        entry.setValue(new RoomLog(lastSeq, lastTs, evictedTo));
        return null;
    }

    @Override
    public int getFactoryId() {
        return ProcessorFactory.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ProcessorFactory.SET_ROOM_LOG;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(lastSeq);
        out.writeLong(lastTs);
        out.writeLong(evictedTo);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        lastSeq = in.readLong();
        lastTs = in.readLong();
        evictedTo = in.readLong();
    }
}
