package io.gridchat.bench.load;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.gridchat.bench.ws.WsConnection;
import io.gridchat.bench.ws.WsListener;
import io.gridchat.edge.Json;
import java.io.IOException;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One generator connection, one user. The client's selector thread (one frame at a time per connection) only
 * counts and times frames; nothing here blocks. Writes never wait and come from one thread at a time: joins
 * from the setup thread, sends from the scheduler thread; frames the socket does not take at once wait, in
 * order. Like a real client, a connection the server closed with 1013 (try again later: a slow consumer, an edge
 * inbox that overran) opens again after a short random pause and resumes each of its rooms from its first
 * missing seq; the seqs each room delivered are remembered, so a message arriving twice (pushed live and resumed)
 * counts once. Thread-safe.
 */
final class LoadConnection implements WsListener {
    private static final Logger LOG = LoggerFactory.getLogger(LoadConnection.class);
    private static final String SEND_ID = "s";
    private static final String JOIN_ID = "j";
    private static final String RESUME_ID = "r";
    private static final String ROOM_FIELD = "\"room\":\"";
    private static final String SEQ_FIELD = "\"seq\":";
    /** Most messages one resume returns (the server's default grid.maxPageSize): a full page asks again. */
    private static final int RESUME_PAGE = 1000;
    private static final long MAX_REOPEN_PAUSE_MILLIS = 2_000;
    /** The close code of a server that wants the client back later (a slow consumer, an inbox that overran). */
    private static final int TRY_AGAIN_LATER = 1013;
    private static final ScheduledExecutorService REOPENS = Executors.newScheduledThreadPool(2, task -> {
        Thread thread = new Thread(task, "load-reopen");
        thread.setDaemon(true);
        return thread;
    });

    private final int index;
    private final LoadStats stats;
    private final ProbeText probe;
    private final Map<String, CompletableFuture<Void>> joins = new ConcurrentHashMap<>();
    /** Per room, the seqs delivered here (counted once); guarded by itself. */
    private final Map<String, BitSet> seen = new HashMap<>();
    private volatile WsConnection connection;
    private volatile boolean closing;
    /** Opens this endpoint again (blocking); set once it connected the first time. */
    private volatile Runnable reopen;

    LoadConnection(int index, LoadStats stats, ProbeText probe) {
        this.index = index;
        this.stats = stats;
        this.probe = probe;
    }

    /** The id of the {@code send}-th send's frame; its ack or error echoes it. */
    static String sendId(long send) {
        return SEND_ID + send;
    }

    /** How to open this endpoint again after the server closed it with 1013; called once it connected. */
    void reopenWith(Runnable reopen) {
        this.reopen = reopen;
    }

    /** The connection is open (again, after the server closed it with 1013: then every room resumes). */
    void opened(WsConnection opened) {
        boolean again = connection != null;
        this.connection = opened;
        if (again) {
            stats.error("REOPENED");
            List<String> rooms;
            synchronized (seen) {
                rooms = List.copyOf(seen.keySet());
            }
            rooms.forEach(this::resume);
        }
    }

    @Override
    public void onClose(WsConnection closed, int code, String reason) {
        joins.values().forEach(join -> join.completeExceptionally(new IOException("connection closed")));
        if (closing) {
            return;
        }
        LOG.warn("connection {} closed: {} {}", index, code, reason);
        stats.error("CLOSED");
        Runnable again = reopen;
        if (again != null && code == TRY_AGAIN_LATER) {
            REOPENS.schedule(() -> {
                try {
                    again.run();
                } catch (RuntimeException e) {
                    LOG.warn("connection {} could not open again: {}", index, e.toString());
                    stats.error("REOPEN_FAILED");
                }
            }, ThreadLocalRandom.current().nextLong(MAX_REOPEN_PAUSE_MILLIS), TimeUnit.MILLISECONDS);
        }
    }

    /** Asks for the room's messages after its first missing seq. */
    private void resume(String roomId) {
        long afterSeq;
        synchronized (seen) {
            BitSet seqs = seen.get(roomId);
            afterSeq = seqs == null ? 0 : seqs.nextClearBit(1) - 1;
        }
        resumeAfter(roomId, afterSeq);
    }

    private void resumeAfter(String roomId, long afterSeq) {
        String frame = Json.write(Json.object().put("type", "resume").put("id", RESUME_ID + roomId)
                .put("room", roomId).put("afterSeq", afterSeq));
        WsConnection current = connection;
        if (current != null && !current.sendText(frame)) {
            stats.error("RESUME_FAILED");
        }
    }

    /** Joins a room; completes when the server acknowledged it. */
    CompletableFuture<Void> join(String roomId) {
        synchronized (seen) {
            seen.putIfAbsent(roomId, new BitSet());
        }
        CompletableFuture<Void> joined = new CompletableFuture<>();
        String id = JOIN_ID + roomId;
        joins.put(id, joined);
        String frame = Json.write(Json.object().put("type", "join").put("id", id).put("room", roomId));
        if (!connection.sendText(frame)) {
            joins.remove(id);
            joined.completeExceptionally(new IOException("connection " + index + " is closed"));
        }
        return joined;
    }

    /** Writes a send frame without waiting; a write that fails counts as a failed send. */
    void send(String frame) {
        stats.sent();
        WsConnection current = connection;
        if (current == null || !current.isOpen()) {
            stats.sendFailed("NOT_CONNECTED");
            return;
        }
        if (!current.sendText(frame)) {
            stats.sendFailed("SEND_FAILED");
        }
    }

    void close() {
        closing = true;
        WsConnection current = connection;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public void onText(WsConnection from, String frame) {
        long now = System.nanoTime();
        if (ProbeText.isMessageFrame(frame)) {
            if (firstTime(stringAfter(frame, ROOM_FIELD), numberAfter(frame, SEQ_FIELD))) {
                delivered(probe.sendNanosOfFrame(frame), now);
            }
            return;
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(frame);
        } catch (JacksonException e) {
            stats.error("UNPARSABLE_FRAME");
            return;
        }
        String id = node.path("id").asText("");
        switch (node.path("type").asText("")) {
            case "message" -> onMessage(node, now);
            case "ack" -> onAck(id, node, now);
            case "error" -> onErrorFrame(id, node.path("code").asText("UNKNOWN"), node.path("message").asText(""));
            default -> {
                // presence, typing, receipts and other events are not part of the measurement
            }
        }
    }

    private void onMessage(JsonNode message, long now) {
        if (firstTime(message.path("room").asText(""), message.path("seq").asLong(-1))) {
            delivered(probe.sendNanosOfText(message.path("text").asText("")), now);
        }
    }

    /** True the first time this connection gets {@code seq} of {@code roomId} (or when the frame has none). */
    private boolean firstTime(String roomId, long seq) {
        if (roomId == null || seq < 1 || seq > Integer.MAX_VALUE) {
            return true;
        }
        synchronized (seen) {
            BitSet seqs = seen.computeIfAbsent(roomId, room -> new BitSet());
            if (seqs.get((int) seq)) {
                return false;
            }
            seqs.set((int) seq);
            return true;
        }
    }

    private static String stringAfter(String frame, String field) {
        int at = frame.indexOf(field);
        if (at < 0) {
            return null;
        }
        int from = at + field.length();
        int end = frame.indexOf('"', from);
        return end < 0 ? null : frame.substring(from, end);
    }

    private static long numberAfter(String frame, String field) {
        int at = frame.indexOf(field);
        long value = at < 0 ? ProbeText.NONE : ProbeText.digits(frame, at + field.length());
        return value == ProbeText.NONE ? -1 : value;
    }

    private void delivered(long sendNanos, long now) {
        if (sendNanos != ProbeText.NONE) {
            stats.delivered(sendNanos, now);
        }
    }

    private void onAck(String id, JsonNode ack, long now) {
        if (id.startsWith(SEND_ID)) {
            stats.acked();
        } else if (id.startsWith(RESUME_ID)) {
            JsonNode messages = ack.path("messages");
            messages.forEach(message -> onMessage(message, now));
            if (messages.size() >= RESUME_PAGE) {
                resumeAfter(id.substring(RESUME_ID.length()), messages.get(messages.size() - 1).path("seq").asLong());
            }
        } else if (id.startsWith(JOIN_ID)) {
            CompletableFuture<Void> joined = joins.remove(id);
            if (joined != null) {
                joined.complete(null);
            }
        }
    }

    private void onErrorFrame(String id, String code, String message) {
        CompletableFuture<Void> joined = id.startsWith(JOIN_ID) ? joins.remove(id) : null;
        if (id.startsWith(SEND_ID)) {
            stats.sendFailed(code);
        } else if (joined != null) {
            joined.completeExceptionally(new IllegalStateException(code + ": " + message));
        } else {
            LOG.debug("connection {} got error {} ({}) for frame {}", index, code, message, id);
            stats.error(code);
        }
    }
}
