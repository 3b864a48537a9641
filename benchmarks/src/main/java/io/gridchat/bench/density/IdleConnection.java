package io.gridchat.bench.density;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * One idle client connection on Jetty's core WebSocket API (lighter than a Jakarta endpoint, so the client JVM
 * holds many): sends a {@code ping} frame when told and counts what comes back. Jetty calls the handler methods
 * one at a time per connection; {@link #ping()} and {@link #close()} may be called from any thread.
 */
final class IdleConnection implements FrameHandler {
    private static final String PING = "{\"type\":\"ping\"}";

    private final Counters counters;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile CoreSession session;

    /** What a group of connections saw; thread-safe. */
    record Counters(LongAdder pings, LongAdder pongs, LongAdder otherFrames, LongAdder errors, LongAdder closed) {
        Counters() {
            this(new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder());
        }
    }

    IdleConnection(Counters counters) {
        this.counters = counters;
    }

    @Override
    public void onOpen(CoreSession coreSession, Callback callback) {
        session = coreSession;
        callback.succeeded();
        coreSession.demand();
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
        if (frame.getOpCode() == OpCode.TEXT) {
            if (frame.getPayloadAsUTF8().contains("\"pong\"")) {
                counters.pongs().increment();
            } else {
                counters.otherFrames().increment();
            }
        }
        callback.succeeded();
        if (frame.getOpCode() != OpCode.CLOSE) {
            session.demand();
        }
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
        counters.errors().increment();
        callback.succeeded();
    }

    @Override
    public void onClosed(CloseStatus closeStatus, Callback callback) {
        counters.closed().increment();
        closed.complete(null);
        callback.succeeded();
    }

    void ping() {
        CoreSession current = session;
        if (current != null && current.isOutputOpen()) {
            current.sendFrame(new Frame(OpCode.TEXT, PING), Callback.NOOP, false);
            counters.pings().increment();
        }
    }

    /** Starts a normal close; the future completes once the connection is closed. */
    CompletableFuture<Void> close() {
        CoreSession current = session;
        if (current != null) {
            current.close(CloseStatus.NORMAL, "done", Callback.NOOP);
        }
        return closed;
    }
}
