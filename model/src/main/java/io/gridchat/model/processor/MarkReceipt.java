package io.gridchat.model.processor;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.gridchat.model.MemberKey;
import io.gridchat.model.ReadPosition;
import io.gridchat.model.ReadResult;
import io.gridchat.model.ReceiptStatus;
import java.io.IOException;
import java.util.Map;

/**
 * A member read a room, or got it delivered, up to {@code seq}: moves that position forward (never back, never
 * past the room's last seq; read implies delivered). Membership and the room's counter are local reads: the key
 * lives on the room's partition.
 */
public final class MarkReceipt implements EntryProcessor<MemberKey, ReadPosition, ReadResult>, IdentifiedDataSerializable,
        HazelcastInstanceAware {
    private ReceiptStatus status;
    private long seq;
    private long now;
    private transient HazelcastInstance instance;
    private transient ReadPosition written;

    public MarkReceipt() {
    }

    public MarkReceipt(ReceiptStatus status, long seq, long now) {
        this.status = status;
        this.seq = seq;
        this.now = now;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.instance = hazelcastInstance;
    }

    @Override
    public ReadResult process(Map.Entry<MemberKey, ReadPosition> entry) {
        MemberKey key = entry.getKey();
        RoomMembers members = new RoomMembers(instance, key.roomId());
        if (!members.isMember(key.userId())) {
            return new ReadResult(false, 0, 0);
        }
        ReadPosition current = entry.getValue() == null
                ? new ReadPosition(key.roomId(), key.userId(), 0, 0, 0) : entry.getValue();
        long previous = current.of(status);
        long target = Math.min(seq, members.lastSeq());
        if (target <= previous) {
            return new ReadResult(true, previous, previous);
        }
        written = current.advanced(status, target, now);
        entry.setValue(written);
        return new ReadResult(true, previous, target);
    }

    @Override
    public EntryProcessor<MemberKey, ReadPosition, ReadResult> getBackupProcessor() {
        return written == null ? null : new PutBackup<>(written);
    }

    @Override
    public int getFactoryId() {
        return ProcessorFactory.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ProcessorFactory.MARK_RECEIPT;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(status.name());
        out.writeLong(seq);
        out.writeLong(now);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        status = ReceiptStatus.valueOf(in.readString());
        seq = in.readLong();
        now = in.readLong();
    }
}
