package io.gridchat.model.processor;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.gridchat.model.MapNames;
import io.gridchat.model.OfflineMarks;
import io.gridchat.model.UserSessions;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Queues {@code seq} of a room for the user keyed, whom delivery found without a connection; idempotent.
 * Unless the user connected since: then nothing is queued and their sessions are returned, so delivery pushes
 * the message to them live. Without that check a mark landing after the new connection read the user's
 * marks would wait for the next connect. The sessions entry shares this entry's key, so the check is a local
 * read on this partition, serialized with the connect's registration and its read of the marks.
 */
public final class MarkOffline implements EntryProcessor<String, OfflineMarks, UserSessions>,
        IdentifiedDataSerializable, HazelcastInstanceAware {
    private String roomId;
    private long seq;
    private transient HazelcastInstance instance;
    private transient OfflineMarks marked;

    public MarkOffline() {
    }

    public MarkOffline(String roomId, long seq) {
        this.roomId = roomId;
        this.seq = seq;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.instance = hazelcastInstance;
    }

    @Override
    public UserSessions process(Map.Entry<String, OfflineMarks> entry) {
        UserSessions sessions = PartitionReads.get(instance, MapNames.SESSIONS, entry.getKey());
        if (sessions != null && !sessions.connections().isEmpty()) {
            return sessions;
        }
        OfflineMarks current = entry.getValue() == null ? new OfflineMarks(entry.getKey(), List.of()) : entry.getValue();
        marked = current.with(roomId, seq);
        entry.setValue(marked);
        return null;
    }

    @Override
    public EntryProcessor<String, OfflineMarks, UserSessions> getBackupProcessor() {
        return marked == null ? null : new PutBackup<>(marked);
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
