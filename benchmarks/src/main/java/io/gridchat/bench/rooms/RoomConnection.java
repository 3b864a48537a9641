package io.gridchat.bench.rooms;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.gridchat.bench.rooms.RoomStats.Op;
import io.gridchat.bench.ws.WsConnection;
import io.gridchat.bench.ws.WsListener;
import io.gridchat.edge.Json;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One benchmark connection, one user, holding a few rooms: each operation due on it joins a random room it does
 * not hold while it holds fewer than {@code hold}, else leaves its oldest room, so in steady state joins and
 * leaves alternate. {@link #operate} runs on the scheduler thread only (it alone touches the held rooms);
 * the client's selector thread (one frame at a time per connection) answers operations and never blocks. Writes
 * go out on the scheduler thread without waiting. Thread-safe as used.
 */
final class RoomConnection implements WsListener {
    private static final Logger LOG = LoggerFactory.getLogger(RoomConnection.class);

    private final int index;
    private final List<String> roomIds;
    private final int hold;
    private final int maxHeld;
    private final RoomStats stats;
    private final SplittableRandom random;
    /** Oldest first; scheduler thread only. */
    private final Deque<Held> held = new ArrayDeque<>();
    /** Rooms held or being left: not joined again until the leave is answered. */
    private final Set<Integer> busy = ConcurrentHashMap.newKeySet();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private volatile WsConnection connection;
    private volatile boolean closing;

    /** A room joined or being joined; {@code state} is written by the receive thread. */
    private static final class Held {
        final int room;
        volatile State state = State.JOINING;

        Held(int room) {
            this.room = room;
        }
    }

    private enum State {
        JOINING, JOINED, FAILED
    }

    private record Pending(Op op, Held room, long scheduledNanos) {
    }

    RoomConnection(int index, List<String> roomIds, int hold, int maxHeld, RoomStats stats, long seed) {
        this.index = index;
        this.roomIds = roomIds;
        this.hold = hold;
        this.maxHeld = maxHeld;
        this.stats = stats;
        this.random = new SplittableRandom(seed);
    }

    /** The connection is open: operations may go out. */
    void opened(WsConnection opened) {
        this.connection = opened;
    }

    @Override
    public void onClose(WsConnection closed, int code, String reason) {
        if (!closing) {
            LOG.warn("connection {} closed: {} {}", index, code, reason);
            stats.connectionError("CLOSED");
        }
    }

    /** Operation {@code op}, due at {@code scheduledNanos}: a join or a leave, as the held rooms decide. */
    void operate(long op, long scheduledNanos) {
        held.removeIf(room -> room.state == State.FAILED);
        Held oldest = held.peekFirst();
        if (held.size() >= hold && oldest.state == State.JOINED) {
            held.removeFirst();
            write(Op.LEAVE, "l" + op, oldest, scheduledNanos);
        } else if (held.size() < maxHeld) {
            Held room = new Held(pickRoom());
            busy.add(room.room);
            held.addLast(room);
            write(Op.JOIN, "j" + op, room, scheduledNanos);
        } else {
            stats.skipped();
        }
    }

    /** Operations written and not answered yet. */
    int unanswered() {
        return pending.size();
    }

    void close() {
        closing = true;
        WsConnection current = connection;
        if (current != null) {
            current.close();
        }
    }

    private int pickRoom() {
        while (true) {
            int room = random.nextInt(roomIds.size());
            if (!busy.contains(room)) {
                return room;
            }
        }
    }

    private void write(Op op, String id, Held room, long scheduledNanos) {
        stats.sent(op);
        WsConnection current = connection;
        if (current == null || !current.isOpen()) {
            answer(id, new Pending(op, room, scheduledNanos), "NOT_CONNECTED");
            return;
        }
        pending.put(id, new Pending(op, room, scheduledNanos));
        String frame = Json.write(Json.object().put("type", op == Op.JOIN ? "join" : "leave").put("id", id)
                .put("room", roomIds.get(room.room)));
        if (!current.sendText(frame)) {
            Pending unsent = pending.remove(id);
            if (unsent != null) {
                answer(id, unsent, "SEND_FAILED");
            }
        }
    }

    @Override
    public void onText(WsConnection from, String frame) {
        long now = System.nanoTime();
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(frame);
        } catch (JacksonException e) {
            stats.connectionError("UNPARSABLE_FRAME");
            return;
        }
        String type = node.path("type").asText("");
        if (!type.equals("ack") && !type.equals("error")) {
            return; // joined, left, presence and other events are not part of the measurement
        }
        String id = node.path("id").asText("");
        Pending answered = pending.remove(id);
        if (answered == null) {
            LOG.debug("connection {} got {} for unknown frame {}: {}", index, type, id, frame);
            stats.connectionError(type.equals("ack") ? "UNEXPECTED_ACK" : node.path("code").asText("UNKNOWN"));
        } else if (type.equals("ack")) {
            stats.acked(answered.op(), answered.scheduledNanos(), now);
            if (answered.op() == Op.JOIN) {
                answered.room().state = State.JOINED;
            } else {
                busy.remove(answered.room().room);
            }
        } else {
            answer(id, answered, node.path("code").asText("UNKNOWN"));
        }
    }

    /** An operation that failed: a failed join frees its place, a failed leave its room. */
    private void answer(String id, Pending failed, String code) {
        LOG.debug("connection {}: {} {} failed with {}", index, failed.op(), id, code);
        stats.failed(failed.op(), code);
        if (failed.op() == Op.JOIN) {
            failed.room().state = State.FAILED;
        }
        busy.remove(failed.room().room);
    }
}
