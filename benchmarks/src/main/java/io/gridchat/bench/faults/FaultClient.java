package io.gridchat.bench.faults;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.gridchat.edge.Json;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One user's connection, behaving like a real client: it sends its messages one at a time in the order it
 * wrote them; on UNAVAILABLE (after retryAfterMs), on no ack within the ack timeout, or after a lost
 * connection it sends the same frame again with the same clientMsgId; a lost connection is reopened on the
 * next edge node, and every room is resumed from the last seq it saw in order. Incoming messages are tracked
 * per room as the highest seq seen without a gap; a gap or a backlog frame triggers a resume. State is
 * guarded by the instance lock; writes are asynchronous. Public only because the Jakarta container needs it.
 */
public final class FaultClient extends Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(FaultClient.class);
    private static final long RECONNECT_MILLIS = 200;
    private static final long DEFAULT_RETRY_MILLIS = 200;
    private static final long MAX_RETRY_MILLIS = 2000;

    private record Pending(String room, String clientMsgId, String text, long order, long createdNanos) {
    }

    private final int index;
    private final String token;
    private final List<URI> edges;
    private final WebSocketContainer container;
    private final SendLog log;
    private final ScheduledExecutorService timer;
    private final Executor connector;
    private final long ackTimeoutNanos;
    private final Map<String, CompletableFuture<Void>> joins = new ConcurrentHashMap<>();
    private final Map<String, Long> seen = new HashMap<>();
    private final Set<String> resuming = new HashSet<>();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private Pending current;
    private int attempts;
    private long sentNanos;
    private long nextOrder;
    private int edge;
    private boolean everOpened;
    private Session session;
    private volatile boolean closing;

    FaultClient(int index, String token, List<URI> edges, int firstEdge, WebSocketContainer container, SendLog log,
                ScheduledExecutorService timer, Executor connector, long ackTimeoutMillis) {
        this.index = index;
        this.token = token;
        this.edges = edges;
        this.edge = firstEdge;
        this.container = container;
        this.log = log;
        this.timer = timer;
        this.connector = connector;
        this.ackTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(ackTimeoutMillis);
    }

    /** Opens the first connection (blocking). */
    void connect() throws Exception {
        container.connectToServer(this, ClientEndpointConfig.Builder.create().build(), uri());
    }

    /** Joins a room (setup); completes on the ack. */
    CompletableFuture<Void> join(String room) {
        CompletableFuture<Void> joined = new CompletableFuture<>();
        joins.put(room, joined);
        synchronized (this) {
            seen.put(room, 0L);
            write(Json.write(Json.object().put("type", "join").put("id", "j" + room).put("room", room)));
        }
        return joined;
    }

    /** Queues a message; it goes out when the ones before it are acked. */
    synchronized void submit(String room, String clientMsgId, String text) {
        queue.add(new Pending(room, clientMsgId, text, nextOrder++, System.nanoTime()));
        log.created();
        pump();
    }

    /** Sends not acked yet: queued and in flight. */
    synchronized int unacked() {
        return queue.size() + (current == null ? 0 : 1);
    }

    /** The highest seq of each room seen without a gap. */
    synchronized Map<String, Long> seen() {
        return new HashMap<>(seen);
    }

    /** Called a few times a second: resends the message in flight when its ack is overdue. */
    synchronized void checkTimeout(long now) {
        if (session != null && current != null && now - sentNanos > ackTimeoutNanos) {
            log.timedOut();
            transmit();
        }
    }

    void close() {
        closing = true;
        Session open;
        synchronized (this) {
            open = session;
        }
        if (open != null && open.isOpen()) {
            try {
                open.close();
            } catch (IOException e) {
                LOG.debug("close of client {} failed", index, e);
            }
        }
    }

    @Override
    public void onOpen(Session opened, EndpointConfig config) {
        opened.addMessageHandler(String.class, (MessageHandler.Whole<String>) frame -> onFrame(opened, frame));
        synchronized (this) {
            session = opened;
            if (everOpened) {
                log.reconnected();
                resuming.clear();
                seen.keySet().forEach(this::resume);
            }
            everOpened = true;
            if (current != null) {
                transmit();
            } else {
                pump();
            }
        }
    }

    @Override
    public void onClose(Session closed, CloseReason reason) {
        synchronized (this) {
            if (closed != session) {
                return;
            }
            session = null;
        }
        joins.values().forEach(join -> join.completeExceptionally(new IOException("connection closed: " + reason)));
        if (!closing) {
            log.disconnected();
            LOG.debug("client {} lost its connection: {}", index, reason);
            timer.schedule(() -> connector.execute(this::reconnect), RECONNECT_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void onError(Session failed, Throwable failure) {
        LOG.debug("client {} connection error", index, failure);
    }

    private void reconnect() {
        if (closing) {
            return;
        }
        URI next;
        synchronized (this) {
            edge = (edge + 1) % edges.size();
            next = uri();
        }
        try {
            container.connectToServer(this, ClientEndpointConfig.Builder.create().build(), next);
        } catch (Exception e) {
            LOG.debug("client {} could not reconnect to {}: {}", index, next.getPort(), e.toString());
            timer.schedule(() -> connector.execute(this::reconnect), RECONNECT_MILLIS * 2, TimeUnit.MILLISECONDS);
        }
    }

    private URI uri() {
        return URI.create(edges.get(edge) + "/ws?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    private void pump() {
        if (session != null && current == null && !queue.isEmpty()) {
            current = queue.poll();
            attempts = 0;
            transmit();
        }
    }

    private void transmit() {
        attempts++;
        sentNanos = System.nanoTime();
        write(Json.write(Json.object().put("type", "send").put("id", "s" + current.clientMsgId())
                .put("room", current.room()).put("text", current.text()).put("clientMsgId", current.clientMsgId())));
    }

    private void resume(String room) {
        if (resuming.add(room)) {
            log.resumed();
            write(Json.write(Json.object().put("type", "resume").put("id", "r" + room).put("room", room)
                    .put("afterSeq", seen.get(room))));
        }
    }

    /** Asynchronous; a failed write shows up as a closed connection, after which everything is sent again. */
    private void write(String frame) {
        Session open = session;
        if (open != null && open.isOpen()) {
            open.getAsyncRemote().sendText(frame, result -> {
                if (!result.isOK()) {
                    LOG.debug("client {}: write failed: {}", index, result.getException().toString());
                }
            });
        }
    }

    private void onFrame(Session from, String frame) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(frame);
        } catch (JacksonException e) {
            log.refused("UNPARSABLE_FRAME");
            return;
        }
        String id = node.path("id").asText("");
        switch (node.path("type").asText("")) {
            case "message" -> onMessage(node.path("room").asText(), node.path("seq").asLong());
            case "backlog" -> {
                synchronized (this) {
                    resume(node.path("room").asText());
                }
            }
            case "ack" -> onAck(id, node);
            case "error" -> onError(id, node);
            default -> {
                // presence, receipts, joined: not part of the check
            }
        }
    }

    private synchronized void onMessage(String room, long seq) {
        Long last = seen.get(room);
        if (last == null || seq <= last) {
            return;
        }
        if (seq == last + 1) {
            seen.put(room, seq);
        } else {
            resume(room);
        }
    }

    private void onAck(String id, JsonNode node) {
        if (id.startsWith("j")) {
            CompletableFuture<Void> joined = joins.remove(id.substring(1));
            if (joined != null) {
                joined.complete(null);
            }
        } else if (id.startsWith("s")) {
            onSendAck(id.substring(1), node);
        } else if (id.startsWith("r")) {
            onResumeAck(id.substring(1), node);
        }
    }

    private synchronized void onSendAck(String clientMsgId, JsonNode node) {
        if (current == null || !current.clientMsgId().equals(clientMsgId)) {
            return; // the ack of an earlier attempt of a message already acked
        }
        log.acked(new SendLog.Ack(index, current.room(), current.order(), clientMsgId, node.path("msgId").asText(),
                node.path("seq").asLong(), current.createdNanos(), System.nanoTime(), attempts));
        current = null;
        pump();
    }

    private synchronized void onResumeAck(String room, JsonNode node) {
        resuming.remove(room);
        for (JsonNode message : node.path("messages")) {
            long seq = message.path("seq").asLong();
            if (seq == seen.get(room) + 1) {
                seen.put(room, seq);
            }
        }
        if (node.path("hasMore").asBoolean(false)) {
            resume(room);
        }
    }

    private void onError(String id, JsonNode node) {
        String code = node.path("code").asText("UNKNOWN");
        if (id.startsWith("j")) {
            CompletableFuture<Void> joined = joins.remove(id.substring(1));
            if (joined != null) {
                joined.completeExceptionally(new IllegalStateException(code + ": " + node.path("message").asText()));
            }
            return;
        }
        log.refused(code);
        long retryMillis = Math.min(MAX_RETRY_MILLIS, Math.max(DEFAULT_RETRY_MILLIS,
                node.path("retryAfterMs").asLong(DEFAULT_RETRY_MILLIS)));
        if (id.startsWith("s")) {
            String clientMsgId = id.substring(1);
            timer.schedule(() -> retry(clientMsgId), retryMillis, TimeUnit.MILLISECONDS);
        } else if (id.startsWith("r")) {
            String room = id.substring(1);
            timer.schedule(() -> retryResume(room), retryMillis, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void retry(String clientMsgId) {
        if (current != null && current.clientMsgId().equals(clientMsgId)) {
            transmit();
        }
    }

    private synchronized void retryResume(String room) {
        resuming.remove(room);
        resume(room);
    }
}
