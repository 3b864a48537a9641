package io.gridchat.edge.ws;

import io.gridchat.edge.auth.TokenService.Token;
import io.gridchat.edge.presence.PresenceClock;
import io.gridchat.model.DirectRooms;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated WebSocket connection: who it is, its outbound queue and, per room, the highest seq
 * written to it, so a message delivered twice upstream (at-least-once after a failover) is written once.
 * Thread-safe.
 */
public final class ChatConnection {
    private static final Logger LOG = LoggerFactory.getLogger(ChatConnection.class);

    private final String connectionId;
    private final String userId;
    /** The token the upgrade accepted: when it expires or is revoked, the connection is closed. */
    private final Token token;
    /** Null until the upgrade completed ({@link #attach}); guarded by deliveredSeq. */
    private Session session;
    private CloseReason closeBeforeOpen;
    private boolean abandoned;
    private volatile Runnable serverCloseListener;
    private final Outbound outbound;
    private final Map<String, Long> deliveredSeq = new HashMap<>();
    /** Live frames of rooms whose missed messages are being pushed; written after the push. */
    private final Map<String, List<Held>> held = new HashMap<>();
    /** Rooms whose missed messages are being pushed: held until their {@link #release}, whatever else ends. */
    private final Set<String> pushing = new HashSet<>();
    private boolean holdingAll = true;
    private final JoinedRooms rooms = new JoinedRooms();
    private final long since = System.currentTimeMillis();
    private final PresenceClock presence = new PresenceClock(since);

    /** Told when a message of a dm room reached this connection's socket (for delivered receipts). */
    interface DeliveredListener {
        void delivered(ChatConnection connection, String roomId, long seq);
    }

    private final DeliveredListener deliveredListener;

    /**
     * A connection about to be upgraded: it is registered in the grid before the client sees the upgrade
     * complete, so it gets every message accepted after that. Until {@link #attach} it holds every live
     * message and queues other frames.
     */
    ChatConnection(String connectionId, Token token, int maxQueuedFrames, long maxQueuedChars,
                   DeliveredListener deliveredListener, Executor frameWriters) {
        this.connectionId = connectionId;
        this.userId = token.userId();
        this.token = token;
        this.deliveredListener = deliveredListener;
        this.outbound = new Outbound(maxQueuedFrames, maxQueuedChars, this::onSendFailure, this::onSlowConsumer,
                frameWriters);
    }

    /** The upgrade completed: frames queued so far go out, in order. */
    void attach(Session opened) {
        CloseReason closeNow;
        synchronized (deliveredSeq) {
            session = opened;
            closeNow = abandoned
                    ? new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "the connection took too long to open")
                    : closeBeforeOpen;
        }
        outbound.attach(FrameSocket.of(opened));
        if (closeNow != null) {
            close(closeNow);
        }
    }

    /** Gives up on a connection whose upgrade never completed; false if it completed after all. */
    boolean abandonUnopened() {
        synchronized (deliveredSeq) {
            abandoned = session == null;
            return abandoned;
        }
    }

    public String connectionId() {
        return connectionId;
    }

    public String userId() {
        return userId;
    }

    /** The id of the token it was opened with; null for a token of the old form (no id, not revocable). */
    String tokenId() {
        return token.tokenId();
    }

    /** When the token it was opened with expires (epoch millis). */
    long tokenExpiresAt() {
        return token.expiresAt();
    }

    long since() {
        return since;
    }

    public PresenceClock presence() {
        return presence;
    }

    /** The rooms joined on this connection. */
    public List<String> rooms() {
        return rooms.list();
    }

    /** Holds a place among this connection's rooms for a join about to start; false when it has none left. */
    boolean reserveRoom(String roomId, int maxRooms) {
        return rooms.reserve(roomId, maxRooms);
    }

    /** False when the connection closed while joining (see {@link JoinedRooms#joined}). */
    boolean joinedRoom(String roomId) {
        return rooms.joined(roomId);
    }

    /** Closed: the rooms whose seats this connection held or was about to take. */
    Set<String> closeRooms() {
        return rooms.close();
    }

    void joinFailed(String roomId) {
        rooms.joinFailed(roomId);
    }

    public void send(String frame) {
        outbound.send(frame);
    }

    /** Writes the answer to one of this connection's requests, on the calling thread (see {@link Outbound#reply}). */
    public void reply(String frame) {
        outbound.reply(frame);
    }

    /**
     * Whether this connection does not have that seq of the room yet: false for a repeat (the delivery job
     * replays what it had routed after a member failure).
     */
    public boolean lacks(String roomId, long seq) {
        synchronized (deliveredSeq) {
            return lacksLocked(roomId, seq);
        }
    }

    /** {@link #lacks}, for a caller holding {@code deliveredSeq}'s lock. */
    private boolean lacksLocked(String roomId, long seq) {
        Long delivered = deliveredSeq.get(roomId);
        return delivered == null || seq > delivered;
    }

    /** Writes a room's message event unless this connection already has that seq of the room. */
    public void deliver(String roomId, long seq, String frame) {
        synchronized (deliveredSeq) {
            List<Held> waiting = holdingAll ? held.computeIfAbsent(roomId, room -> new ArrayList<>())
                    : held.get(roomId);
            if (waiting != null) {
                waiting.add(new Held(seq, frame));
                return;
            }
            write(roomId, seq, frame);
        }
    }

    /**
     * Holds live events of every room again, as from birth, if the socket is open (before that they are held
     * anyway): the connection is registered anew (the grid had dropped it), and its missed messages are looked
     * up once more. Ended by {@link #releaseAllButPushing}. False when the socket is not open yet.
     */
    boolean holdAllIfOpen() {
        synchronized (deliveredSeq) {
            if (session == null) {
                return false;
            }
            holdingAll = true;
            return true;
        }
    }

    /**
     * Ends holding live events of every room (which a connection does from birth, while it registers and its
     * missed messages are looked up, so nothing live overtakes what it missed): writes what was held, except the
     * rooms whose missed messages are being pushed ({@link #hold}), which wait for their {@link #release}.
     */
    void releaseAllButPushing() {
        synchronized (deliveredSeq) {
            holdingAll = false;
            held.entrySet().removeIf(room -> {
                if (pushing.contains(room.getKey())) {
                    return false;
                }
                writeInSeqOrder(room.getKey(), room.getValue());
                return true;
            });
        }
    }

    private void write(String roomId, long seq, String frame) {
        if (!lacksLocked(roomId, seq)) {
            return;
        }
        deliveredSeq.put(roomId, seq);
        outbound.send(frame);
        if (DirectRooms.isDirect(roomId)) {
            outbound.afterWritten(() -> deliveredListener.delivered(this, roomId, seq));
        }
    }

    /** Holds live events of {@code roomId} back until {@link #release}: missed messages go first. */
    public void hold(String roomId) {
        synchronized (deliveredSeq) {
            held.putIfAbsent(roomId, new ArrayList<>());
            pushing.add(roomId);
        }
    }

    /** Writes {@code pushed} and the live events held meanwhile, in seq order, each seq once. */
    public void release(String roomId, List<Held> pushed) {
        synchronized (deliveredSeq) {
            pushing.remove(roomId);
            List<Held> waiting = held.remove(roomId);
            List<Held> frames = new ArrayList<>(pushed);
            if (waiting != null) {
                frames.addAll(waiting);
            }
            writeInSeqOrder(roomId, frames);
        }
    }

    /**
     * Held frames are mostly in seq order already; a message pushed late (a user who connected just as
     * delivery queued it offline) may come after newer ones and would be dropped as already written.
     */
    private void writeInSeqOrder(String roomId, List<Held> frames) {
        frames.sort(Comparator.comparingLong(Held::seq));
        frames.forEach(frame -> write(roomId, frame.seq(), frame.frame()));
    }

    /** A message event frame and its seq. */
    public record Held(long seq, String frame) {
    }

    /** Records that the client holds the room up to {@code seq} (it came in an ack). */
    void markDelivered(String roomId, long seq) {
        synchronized (deliveredSeq) {
            deliveredSeq.merge(roomId, seq, Math::max);
        }
    }

    void forgetRoom(String roomId) {
        synchronized (deliveredSeq) {
            rooms.left(roomId);
            deliveredSeq.remove(roomId);
        }
    }

    /**
     * Told when this server closes the connection (slow consumer, failed write), before the close handshake,
     * which a client that does not read may never finish: the grid stops routing to it at once.
     */
    void onServerClose(Runnable listener) {
        this.serverCloseListener = listener;
    }

    /** Never throws: callers are delivery loops that must go on to the other connections. */
    void close(CloseReason reason) {
        Runnable listener = serverCloseListener;
        if (listener != null) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("close listener of connection {} failed: {}", connectionId, e.toString());
            }
        }
        Session open;
        synchronized (deliveredSeq) {
            open = session;
            if (open == null) {
                closeBeforeOpen = reason;
                return;
            }
        }
        try {
            open.close(reason);
        } catch (IOException | RuntimeException e) {
            LOG.debug("close of connection {} failed", connectionId, e);
        }
    }

    private void onSendFailure(Throwable failure) {
        LOG.debug("write to connection {} failed, closing", connectionId, failure);
        // 1006 (closed abnormally) may not be sent in a close frame; 1011 may.
        close(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "write failed"));
    }

    private void onSlowConsumer() {
        LOG.info("connection {} of user {} does not read its frames, closing", connectionId, userId);
        close(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "too many unread frames"));
    }
}
