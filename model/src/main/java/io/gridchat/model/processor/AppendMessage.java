package io.gridchat.model.processor;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.gridchat.config.GridSettings;
import io.gridchat.model.ChatMessage;
import io.gridchat.model.DedupeKey;
import io.gridchat.model.MapNames;
import io.gridchat.model.MemberKey;
import io.gridchat.model.MessageKey;
import io.gridchat.model.MessageRef;
import io.gridchat.model.RoomLog;
import io.gridchat.model.SendOutcome;
import io.gridchat.model.SendResult;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The send: runs on the room's partition of {@code room-logs}, checks membership, dedupes the clientMsgId,
 * assigns the next seq and stores the message in its own entry beside the counter. Every map it touches is
 * keyed on the same room, so all of it is one partition-local step; the backups of the message and of the
 * counter are synchronous, so the caller's future completes only once both are held twice.
 * Runs on a partition thread; a fresh instance per invocation.
 */
public final class AppendMessage implements EntryProcessor<String, RoomLog, SendResult>, IdentifiedDataSerializable,
        HazelcastInstanceAware {
    private static final Logger LOG = LoggerFactory.getLogger(AppendMessage.class);
    /** Bounds one send's work after a long MySQL outage; the backlog goes over the next sends. */
    private static final int MAX_EVICTIONS_PER_SEND = 1000;
    private String userId;
    private String clientMsgId;
    private String text;
    private transient HazelcastInstance instance;
    private transient RoomLog written;

    public AppendMessage() {
    }

    public AppendMessage(String userId, String clientMsgId, String text) {
        this.userId = userId;
        this.clientMsgId = clientMsgId;
        this.text = text;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.instance = hazelcastInstance;
    }

    @Override
    public SendResult process(Map.Entry<String, RoomLog> entry) {
        String roomId = entry.getKey();
        if (GridContext.overloaded(instance)) {
            // Before any nested call: under overload most sends are refused, and a refusal must cost next to
            // nothing. A retry of an accepted send learns it is a DUPLICATE once the member accepts again.
            return new SendResult(SendOutcome.OVERLOADED, null);
        }
        if (!PartitionReads.containsKey(instance, MapNames.MEMBERS, new MemberKey(roomId, userId))) {
            return new SendResult(SendOutcome.NOT_MEMBER, null);
        }
        IMap<MessageKey, ChatMessage> messages = GridContext.map(instance, MapNames.MESSAGES);
        IMap<DedupeKey, MessageRef> dedupe = GridContext.map(instance, MapNames.DEDUPE);
        GridSettings settings = GridContext.settings(instance);
        RoomLog stored = entry.getValue() == null ? RoomLog.EMPTY : entry.getValue();
        CatchUp caught = caughtUp(roomId, stored, dedupe, settings);
        RoomLog log = caught.log();
        if (log != stored) {
            written = log;
            entry.setValue(written);
        }
        if (caught.thisSend() != null) {
            return new SendResult(SendOutcome.ACCEPTED, caught.thisSend());
        }
        DedupeKey dedupeKey = clientMsgId == null ? null : new DedupeKey(roomId, userId, clientMsgId);
        if (dedupeKey != null) {
            MessageRef earlier = PartitionReads.get(instance, MapNames.DEDUPE, dedupeKey);
            if (earlier != null) {
                return new SendResult(SendOutcome.DUPLICATE, earlier);
            }
        }
        long seq = log.lastSeq() + 1;
        long ts = Math.max(System.currentTimeMillis(), log.lastTs());
        String msgId = ChatMessage.msgIdOf(roomId, seq);
        long evictedTo = evictStored(roomId, log.evictedTo(), seq - settings.recentMessages(),
                ts - settings.evictableAfterMillis(), messages);
        // The message write comes after every nested call that may fail (one refused while the partition starts
        // migrating fails this operation, which is then run again): a failure after it would leave the message
        // without its counter, and a send arriving in between would move past it, so this one would be stored
        // twice. Only the dedupe entry follows, and the catch-up rewrites that for a held message.
        messages.set(new MessageKey(roomId, seq), new ChatMessage(roomId, seq, msgId, userId, text, ts, clientMsgId));
        MessageRef ref = new MessageRef(msgId, seq, ts);
        if (dedupeKey != null) {
            dedupe.set(dedupeKey, ref, settings.dedupeTtlSeconds(), TimeUnit.SECONDS);
        }
        written = new RoomLog(seq, ts, evictedTo);
        entry.setValue(written);
        GridContext.written(instance, roomId, log.lastSeq(), seq, ts);
        GridContext.accepted(instance, ts);
        return new SendResult(SendOutcome.ACCEPTED, ref);
    }

    /**
     * Evicts, oldest first, the room's messages that left the in-memory window, are in MySQL ({@link StoredSeqs})
     * and were accepted before {@code acceptedBy} (so no backup still queues them, see
     * {@link GridSettings#evictableAfterMillis}); usually one or none. A message still waiting for MySQL stays in
     * memory, where reads find it, and goes with a later send. Returns the new eviction mark.
     */
    private long evictStored(String roomId, long evictedTo, long outOfWindow, long acceptedBy,
                             IMap<MessageKey, ChatMessage> messages) {
        long upTo = Math.min(Math.min(outOfWindow, GridContext.storedUpTo(instance, roomId)),
                evictedTo + MAX_EVICTIONS_PER_SEND);
        long seq = evictedTo;
        while (seq < upTo) {
            MessageKey key = new MessageKey(roomId, seq + 1);
            ChatMessage held = PartitionReads.inMemory(instance, MapNames.MESSAGES, key);
            if (held != null) {
                if (held.ts() > acceptedBy) {
                    break;
                }
                messages.evict(key);
            }
            seq++;
        }
        return seq;
    }

    /**
     * The counter, moved past messages this partition already holds beyond it. Two ways to get there, both
     * seen under load: this very operation ran before and its counter update was lost while its message stayed
     * (an operation re-run around a partition migration), or a member died and its backup here got a message
     * whose counter update never arrived (the message's backup travels ahead of the counter's; that sender got
     * no ack and retries). Handing such a seq out again would overwrite the message, so the counter moves past
     * it. A held message that is this send (same sender, text and clientMsgId) is returned as
     * {@code thisSend}: the send is acknowledged as that message, not stored twice. Held messages with a
     * clientMsgId get their dedupe entry again, so a retry arriving after other sends is recognised too.
     * {@link PartitionReads#inMemory} reads memory only (no MySQL load).
     */
    private CatchUp caughtUp(String roomId, RoomLog log, IMap<DedupeKey, MessageRef> dedupe,
                             GridSettings settings) {
        MessageRef thisSend = null;
        long lastSeq = log.lastSeq();
        long lastTs = log.lastTs();
        ChatMessage held;
        while ((held = PartitionReads.inMemory(instance, MapNames.MESSAGES, new MessageKey(roomId, lastSeq + 1)))
                != null) {
            MessageRef ref = new MessageRef(held.msgId(), held.seq(), held.ts());
            lastSeq++;
            lastTs = Math.max(lastTs, held.ts());
            if (held.clientMsgId() != null) {
                dedupe.set(new DedupeKey(roomId, held.from(), held.clientMsgId()), ref, settings.dedupeTtlSeconds(),
                        TimeUnit.SECONDS);
            }
            boolean same = isThisSend(held);
            if (same && thisSend == null) {
                thisSend = ref;
            }
            LOG.info("room {}: counter at {} but seq {} is held here; moving past it ({})", roomId, log.lastSeq(),
                    held.seq(), same ? "this send ran before" : "left by a failover");
        }
        return new CatchUp(lastSeq == log.lastSeq() ? log : new RoomLog(lastSeq, lastTs, log.evictedTo()), thisSend);
    }

    /** The counter after the catch-up, and the held message that is this very send (null if none). */
    private record CatchUp(RoomLog log, MessageRef thisSend) {
    }

    private boolean isThisSend(ChatMessage held) {
        return userId.equals(held.from()) && text.equals(held.text()) && Objects.equals(clientMsgId, held.clientMsgId());
    }

    @Override
    public EntryProcessor<String, RoomLog, SendResult> getBackupProcessor() {
        return written == null ? null : new SetRoomLog(written);
    }

    @Override
    public int getFactoryId() {
        return ProcessorFactory.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ProcessorFactory.APPEND_MESSAGE;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(userId);
        out.writeString(clientMsgId);
        out.writeString(text);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        userId = in.readString();
        clientMsgId = in.readString();
        text = in.readString();
    }
}
