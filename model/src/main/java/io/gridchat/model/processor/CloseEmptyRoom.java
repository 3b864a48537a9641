package io.gridchat.model.processor;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.gridchat.model.ChatMessage;
import io.gridchat.model.LiveRoom;
import io.gridchat.model.MapNames;
import io.gridchat.model.MessageKey;
import io.gridchat.model.Room;
import io.gridchat.model.RoomKind;
import io.gridchat.model.RoomLog;
import java.io.IOException;
import java.util.Map;

/**
 * Closes a study room that has been empty for {@code emptyMillis}: nobody seated or away in it, created and last
 * written to longer ago than that. The room, its memberships, roster, timer and counter go (the memberships and
 * the room row from MySQL too); its messages stay in MySQL and leave memory. Returns whether it closed. Runs on
 * the room's partition thread, so a join racing it either comes first (and the room stays) or finds no room.
 */
public final class CloseEmptyRoom implements EntryProcessor<String, Room, Boolean>, IdentifiedDataSerializable,
        HazelcastInstanceAware {
    private long emptyMillis;
    private transient HazelcastInstance instance;
    private transient boolean closed;

    public CloseEmptyRoom() {
    }

    public CloseEmptyRoom(long emptyMillis) {
        this.emptyMillis = emptyMillis;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.instance = hazelcastInstance;
    }

    @Override
    public Boolean process(Map.Entry<String, Room> entry) {
        Room room = entry.getValue();
        long cutoff = System.currentTimeMillis() - emptyMillis;
        if (room == null || room.kind() != RoomKind.STUDY || room.createdAt() > cutoff) {
            return Boolean.FALSE;
        }
        String roomId = entry.getKey();
        LiveRoom live = PartitionReads.get(instance, MapNames.ROOM_LIVE, roomId);
        RoomLog log = PartitionReads.get(instance, MapNames.ROOM_LOGS, roomId);
        if (live != null && !live.isEmpty() || log != null && log.lastTs() > cutoff) {
            return Boolean.FALSE;
        }
        new RoomMembers(instance, roomId).removeAll();
        GridContext.map(instance, MapNames.ROOM_TIMERS).delete(roomId);
        if (log != null) {
            IMap<MessageKey, ChatMessage> messages = GridContext.map(instance, MapNames.MESSAGES);
            int window = GridContext.settings(instance).recentMessages();
            for (long seq = Math.max(1, log.lastSeq() - window + 1); seq <= log.lastSeq(); seq++) {
                messages.evict(new MessageKey(roomId, seq));
            }
            GridContext.map(instance, MapNames.ROOM_LOGS).evict(roomId);
        }
        entry.setValue(null);
        closed = true;
        GridContext.roomChanged(instance, roomId);
        return Boolean.TRUE;
    }

    @Override
    public EntryProcessor<String, Room, Boolean> getBackupProcessor() {
        return closed ? new PutBackup<>(null) : null;
    }

    @Override
    public int getFactoryId() {
        return ProcessorFactory.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ProcessorFactory.CLOSE_EMPTY_ROOM;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(emptyMillis);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        emptyMillis = in.readLong();
    }
}
