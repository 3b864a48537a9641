package io.gridchat.bench.load;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.gridchat.edge.Json;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One generator connection, one user. Receive threads (Jetty's, one frame at a time per connection) only
 * count and time frames; nothing here blocks. Writes are asynchronous and come from one thread at a time:
 * joins from the setup thread, sends from the scheduler thread. A write may start while earlier ones are
 * still in flight: Jetty queues whole frames in order. Thread-safe. Public only because the Jakarta
 * container requires endpoint classes to be.
 */
public final class LoadConnection extends Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(LoadConnection.class);
    private static final String SEND_ID = "s";
    private static final String JOIN_ID = "j";

    private final int index;
    private final LoadStats stats;
    private final ProbeText probe;
    private final Map<String, CompletableFuture<Void>> joins = new ConcurrentHashMap<>();
    private volatile Session session;
    private volatile boolean closing;

    LoadConnection(int index, LoadStats stats, ProbeText probe) {
        this.index = index;
        this.stats = stats;
        this.probe = probe;
    }

    /** The id of the {@code send}-th send's frame; its ack or error echoes it. */
    static String sendId(long send) {
        return SEND_ID + send;
    }

    @Override
    public void onOpen(Session opened, EndpointConfig config) {
        this.session = opened;
        opened.addMessageHandler(String.class, (MessageHandler.Whole<String>) this::onFrame);
    }

    @Override
    public void onClose(Session closed, CloseReason reason) {
        if (!closing) {
            LOG.warn("connection {} closed by the server: {}", index, reason);
            stats.error("CLOSED");
        }
        joins.values().forEach(join -> join.completeExceptionally(new IOException("connection closed")));
    }

    @Override
    public void onError(Session failed, Throwable failure) {
        LOG.debug("connection {} failed", index, failure);
    }

    /** Joins a room; completes when the server acknowledged it. */
    CompletableFuture<Void> join(String roomId) {
        CompletableFuture<Void> joined = new CompletableFuture<>();
        String id = JOIN_ID + roomId;
        joins.put(id, joined);
        String frame = Json.write(Json.object().put("type", "join").put("id", id).put("room", roomId));
        session.getAsyncRemote().sendText(frame, result -> {
            if (!result.isOK()) {
                joined.completeExceptionally(result.getException());
            }
        });
        return joined;
    }

    /** Writes a send frame without waiting; a write that fails counts as a failed send. */
    void send(String frame) {
        stats.sent();
        Session current = session;
        if (current == null || !current.isOpen()) {
            stats.sendFailed("NOT_CONNECTED");
            return;
        }
        current.getAsyncRemote().sendText(frame, result -> {
            if (!result.isOK()) {
                stats.sendFailed("SEND_FAILED");
            }
        });
    }

    void close() {
        closing = true;
        Session current = session;
        if (current != null && current.isOpen()) {
            try {
                current.close();
            } catch (IOException e) {
                LOG.debug("close of connection {} failed", index, e);
            }
        }
    }

    private void onFrame(String frame) {
        long now = System.nanoTime();
        if (ProbeText.isMessageFrame(frame)) {
            delivered(probe.sendNanosOfFrame(frame), now);
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
            case "message" -> delivered(probe.sendNanosOfText(node.path("text").asText("")), now);
            case "ack" -> onAck(id);
            case "error" -> onErrorFrame(id, node.path("code").asText("UNKNOWN"), node.path("message").asText(""));
            default -> {
                // presence, typing, receipts and other events are not part of the measurement
            }
        }
    }

    private void delivered(long sendNanos, long now) {
        if (sendNanos != ProbeText.NONE) {
            stats.delivered(sendNanos, now);
        }
    }

    private void onAck(String id) {
        if (id.startsWith(SEND_ID)) {
            stats.acked();
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
