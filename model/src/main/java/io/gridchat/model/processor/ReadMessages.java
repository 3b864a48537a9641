package io.gridchat.model.processor;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.gridchat.model.ChatMessage;
import io.gridchat.model.MessagePage;
import io.gridchat.model.ReadOutcome;
import io.gridchat.model.RoomLog;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Reads a run of a room's messages next to the room's data (submitted to the key owner of the room). Recent
 * messages come from memory; older ones are loaded by the messages MapLoader from MySQL, so a caller never
 * needs to know which tier holds what. Runs on an executor thread of the member that owns the room.
 */
public final class ReadMessages implements Callable<MessagePage>, IdentifiedDataSerializable, HazelcastInstanceAware {
    private String roomId;
    private String userId;
    private boolean after;
    private long seq;
    private int limit;
    private transient HazelcastInstance instance;

    public ReadMessages() {
    }

    private ReadMessages(String roomId, String userId, boolean after, long seq, int limit) {
        this.roomId = roomId;
        this.userId = userId;
        this.after = after;
        this.seq = seq;
        this.limit = limit;
    }

    /** The {@code limit} messages just before {@code beforeSeq}, or the latest when it is 0 or less. */
    public static ReadMessages before(String roomId, String userId, long beforeSeq, int limit) {
        return new ReadMessages(roomId, userId, false, beforeSeq, limit);
    }

    /** The messages after {@code afterSeq}, at most {@code limit}; the page says if more follow. */
    public static ReadMessages after(String roomId, String userId, long afterSeq, int limit) {
        return new ReadMessages(roomId, userId, true, afterSeq, limit);
    }

    /** The room read; submit the task to this key's owner. */
    public String roomId() {
        return roomId;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.instance = hazelcastInstance;
    }

    @Override
    public MessagePage call() {
        RoomMembers members = new RoomMembers(instance, roomId);
        if (!members.isMember(userId)) {
            return MessagePage.refused(ReadOutcome.NOT_MEMBER);
        }
        RoomLog log = members.log();
        long lastSeq = log.lastSeq();
        int pageSize = Math.max(1, Math.min(limit, GridContext.settings(instance).maxPageSize()));
        long low;
        long high;
        if (after) {
            low = Math.max(1, seq + 1);
            high = Math.min(lastSeq, low + pageSize - 1);
        } else {
            high = seq <= 0 ? lastSeq : Math.min(seq - 1, lastSeq);
            low = Math.max(1, high - pageSize + 1);
        }
        List<ChatMessage> page = members.messages(low, high, log);
        return new MessagePage(ReadOutcome.OK, page, lastSeq, after && high < lastSeq);
    }

    @Override
    public int getFactoryId() {
        return ProcessorFactory.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ProcessorFactory.READ_MESSAGES;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(roomId);
        out.writeString(userId);
        out.writeBoolean(after);
        out.writeLong(seq);
        out.writeInt(limit);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        roomId = in.readString();
        userId = in.readString();
        after = in.readBoolean();
        seq = in.readLong();
        limit = in.readInt();
    }
}
