package io.gridchat.model.processor;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.IMap;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.gridchat.model.ChatMessage;
import io.gridchat.model.MapNames;
import io.gridchat.model.MessageKey;
import io.gridchat.model.ReceiptStatus;
import io.gridchat.model.UserSessions;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Tells the senders of the messages a member just read or got delivered (seqs after {@code afterSeq} up to
 * {@code upToSeq}): each sender gets one {@code receipt} for their latest message in that range, which (receipts
 * being cumulative) covers the earlier ones. Looks at the last {@link #MAX_SCANNED} seqs of the range at most. Runs on an executor
 * thread of the member owning the room, so the messages are local reads; returns how many receipts it sent.
 */
public final class SendReceipts implements Callable<Integer>, IdentifiedDataSerializable, HazelcastInstanceAware {
    static final int MAX_SCANNED = 200;

    private String roomId;
    private String readerId;
    private ReceiptStatus status;
    private long afterSeq;
    private long upToSeq;
    private transient HazelcastInstance instance;

    public SendReceipts() {
    }

    public SendReceipts(String roomId, String readerId, ReceiptStatus status, long afterSeq, long upToSeq) {
        this.roomId = roomId;
        this.readerId = readerId;
        this.status = status;
        this.afterSeq = afterSeq;
        this.upToSeq = upToSeq;
    }

    public String roomId() {
        return roomId;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.instance = hazelcastInstance;
    }

    @Override
    public Integer call() {
        Set<MessageKey> keys = new HashSet<>();
        for (long seq = Math.max(afterSeq + 1, upToSeq - MAX_SCANNED + 1); seq <= upToSeq; seq++) {
            keys.add(new MessageKey(roomId, seq));
        }
        IMap<MessageKey, ChatMessage> messages = GridContext.map(instance, MapNames.MESSAGES);
        Map<String, ChatMessage> latestBySender = new HashMap<>();
        for (ChatMessage message : messages.getAll(keys).values()) {
            if (!message.from().equals(readerId)) {
                latestBySender.merge(message.from(), message, (a, b) -> a.seq() >= b.seq() ? a : b);
            }
        }
        if (latestBySender.isEmpty()) {
            return 0;
        }
        IMap<String, UserSessions> sessions = GridContext.map(instance, MapNames.SESSIONS);
        for (UserSessions sender : sessions.getAll(latestBySender.keySet()).values()) {
            ChatMessage message = latestBySender.get(sender.userId());
            String frame = ReceiptFrame.of(roomId, message.msgId(), message.seq(), readerId, status.wire());
            EdgeEvents.publish(instance, roomId, frame, List.of(sender), "");
        }
        return latestBySender.size();
    }

    @Override
    public int getFactoryId() {
        return ProcessorFactory.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ProcessorFactory.SEND_RECEIPTS;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(roomId);
        out.writeString(readerId);
        out.writeString(status.name());
        out.writeLong(afterSeq);
        out.writeLong(upToSeq);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        roomId = in.readString();
        readerId = in.readString();
        status = ReceiptStatus.valueOf(in.readString());
        afterSeq = in.readLong();
        upToSeq = in.readLong();
    }
}
