package io.gridchat.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A real WebSocket client (the JDK's) speaking protocol v1: every frame received goes into a queue, and
 * tests wait for the one that matches. Frames not matched stay queued for later waits.
 */
public final class WsClient implements WebSocket.Listener, AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final List<JsonNode> unmatched = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile boolean closed;
    /** The close frame the server sent; null until then, and when the socket failed without one. */
    private volatile Close close;
    private final CountDownLatch ended = new CountDownLatch(1);
    private WebSocket socket;

    /** A close frame's status code and reason. */
    public record Close(int code, String reason) {
    }

    public static WsClient connect(URI uri) {
        WsClient client = new WsClient();
        client.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT)
                .buildAsync(uri, client).join();
        return client;
    }

    /** Sends a frame with a fresh id and returns the reply (ack, pong or error) carrying that id. */
    public JsonNode request(ObjectNode frame) {
        String id = "r" + ids.incrementAndGet();
        frame.put("id", id);
        sendRaw(Json.write(frame));
        return await(node -> id.equals(node.path("id").asText(null)));
    }

    public JsonNode request(String type, Object... fields) {
        return request(frame(type, fields));
    }

    /** Sends a request and asserts it was acknowledged. */
    public JsonNode ack(String type, Object... fields) {
        JsonNode reply = request(type, fields);
        assertThat(reply.path("type").asText()).as("reply to %s: %s", type, reply).isEqualTo("ack");
        return reply;
    }

    public static ObjectNode frame(String type, Object... fields) {
        ObjectNode frame = Json.object().put("type", type);
        for (int i = 0; i < fields.length; i += 2) {
            frame.set((String) fields[i], Json.MAPPER.valueToTree(fields[i + 1]));
        }
        return frame;
    }

    /** Thread-safe: the JDK WebSocket allows one outstanding send at a time. */
    public synchronized void sendRaw(String text) {
        socket.sendText(text, true).join();
    }

    /** The next received frame that matches; fails the test after the timeout. */
    public JsonNode await(Predicate<JsonNode> matcher) {
        return await(matcher, TIMEOUT);
    }

    /** As {@link #await(Predicate)}, waiting at most {@code timeout}. */
    public JsonNode await(Predicate<JsonNode> matcher, Duration timeout) {
        synchronized (unmatched) {
            Iterator<JsonNode> earlier = unmatched.iterator();
            while (earlier.hasNext()) {
                JsonNode node = earlier.next();
                if (matcher.test(node)) {
                    earlier.remove();
                    return node;
                }
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            try {
                while (true) {
                    long left = deadline - System.nanoTime();
                    JsonNode node = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
                    if (node == null) {
                        throw new AssertionError("no matching frame within " + timeout + "; unmatched: " + unmatched);
                    }
                    if (matcher.test(node)) {
                        return node;
                    }
                    unmatched.add(node);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** The next {@code count} frames received, in arrival order (also those an {@link #await} passed over). */
    public List<JsonNode> next(int count) {
        List<JsonNode> frames = new ArrayList<>(count);
        synchronized (unmatched) {
            while (frames.size() < count && !unmatched.isEmpty()) {
                frames.add(unmatched.remove(0));
            }
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try {
            while (frames.size() < count) {
                long left = deadline - System.nanoTime();
                JsonNode node = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
                if (node == null) {
                    throw new AssertionError("only " + frames.size() + " of " + count + " frames within " + TIMEOUT);
                }
                frames.add(node);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return frames;
    }

    /** Frames received so far that no {@link #await} took and that match, oldest first; they stay unmatched. */
    public List<JsonNode> seen(Predicate<JsonNode> matcher) {
        synchronized (unmatched) {
            received.drainTo(unmatched);
            return unmatched.stream().filter(matcher).toList();
        }
    }

    /** The next {@code message} event of a room. */
    public JsonNode awaitMessage(String room) {
        return await(node -> "message".equals(node.path("type").asText()) && room.equals(node.path("room").asText()));
    }

    public boolean isClosed() {
        return closed;
    }

    /** The close frame the server sent, waiting for it; fails the test if none came within the timeout. */
    public Close awaitClose() {
        try {
            if (!ended.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the server did not close the socket within " + TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        if (close == null) {
            throw new AssertionError("the socket failed without a close frame");
        }
        return close;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                received.add(Json.MAPPER.readTree(partial.toString()));
            } catch (JsonProcessingException e) {
                throw new AssertionError("server sent a frame that is not JSON: " + partial, e);
            } finally {
                partial.setLength(0);
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        close = new Close(statusCode, reason);
        closed = true;
        ended.countDown();
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed = true;
        ended.countDown();
    }

    @Override
    public void close() {
        if (!closed) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
            socket.abort();
        }
    }
}
