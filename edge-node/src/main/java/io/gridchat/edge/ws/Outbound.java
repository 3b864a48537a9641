package io.gridchat.edge.ws;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's outbound frames, written one at a time in enqueue order, never blocking the caller.
 * Frames are shared strings: a delivery to many connections enqueues the same instance everywhere. When
 * more than {@code maxQueued} frames, or frames of more than {@code maxQueuedChars} characters together, wait (a
 * client that does not read), {@code onOverflow} is called once. With a {@code writers} executor, frames are
 * written to the socket on its threads, not on the thread that enqueues them: an edge node's inbox thread
 * enqueues every delivery of the node, and writing each frame itself (Jetty's frame flush and a {@code write}
 * call per connection) made it the node's one serial step. Without one, the enqueuing thread writes.
 * Frames that wait together go to the socket as one batch (each but the last sent as "more follow"), so a run of
 * deliveries to one connection costs one socket write, not one per frame.
 * Thread-safe: any thread may enqueue; completions may arrive on any thread.
 */
public final class Outbound {
    private static final Logger LOG = LoggerFactory.getLogger(Outbound.class);
    /** Set while this thread drains, so a send that completes synchronously does not recurse. */
    private static final ThreadLocal<Boolean> DRAINING = ThreadLocal.withInitial(() -> Boolean.FALSE);

    /** Null until the socket is open: frames queued before that wait for {@link #attach}. */
    private volatile FrameSocket remote;
    /** Frames (String) and actions to run once every frame before them is written (Runnable). */
    private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong queuedChars = new AtomicLong();
    /** Length of the frame being written; only the writer (the one holding {@code writing}) touches it. */
    private volatile int writingChars;
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean overflowed = new AtomicBoolean();
    /** Set while a drain waits for a writer thread. */
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Executor writers;
    private final int maxQueued;
    private final long maxQueuedChars;
    private final Consumer<Throwable> onFailure;
    private final Runnable onOverflow;
    /** Told when the frame in flight is written (or buffered to go with the next one). */
    private final Consumer<Throwable> written = this::written;

    public Outbound(int maxQueued, Consumer<Throwable> onFailure, Runnable onOverflow) {
        this(maxQueued, Long.MAX_VALUE, onFailure, onOverflow, null);
    }

    /** @param writers where frames are written; null: on the enqueuing thread */
    public Outbound(int maxQueued, long maxQueuedChars, Consumer<Throwable> onFailure, Runnable onOverflow,
                    Executor writers) {
        this.maxQueued = maxQueued;
        this.maxQueuedChars = maxQueuedChars;
        this.onFailure = onFailure;
        this.onOverflow = onOverflow;
        this.writers = writers;
    }

    /** The socket is open: writes what was queued, in order, then everything sent later. */
    public void attach(FrameSocket socket) {
        this.remote = socket;
        drain();
    }

    public void send(String frame) {
        if (enqueue(frame)) {
            drainSoon();
        }
    }

    /**
     * As {@link #send}, but written on the calling thread (unless a write is in flight, whose completion writes
     * it): for the answer to one request, whose thread has nothing else to do, so it skips the hand-over to a
     * writer thread that fan-out needs.
     */
    public void reply(String frame) {
        if (enqueue(frame)) {
            drain();
        }
    }

    private boolean enqueue(String frame) {
        boolean tooMany = queued.incrementAndGet() > maxQueued;
        boolean tooLarge = queuedChars.addAndGet(frame.length()) > maxQueuedChars;
        if (tooMany || tooLarge) {
            queued.decrementAndGet();
            queuedChars.addAndGet(-frame.length());
            if (overflowed.compareAndSet(false, true)) {
                onOverflow.run();
            }
            return false;
        }
        queue.add(frame);
        return true;
    }

    /** Runs {@code action} once every frame sent before this call has been written to the socket. */
    public void afterWritten(Runnable action) {
        queue.add(action);
        drainSoon();
    }

    /**
     * Drains here, or on a writer thread. A write in flight needs nothing: its completion drains what came
     * meanwhile; neither does a drain already waiting for a writer, which has not looked at the queue yet.
     */
    private void drainSoon() {
        if (writers == null) {
            drain();
            return;
        }
        if (remote == null || writing.get() || !drainScheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            writers.execute(() -> {
                drainScheduled.set(false);
                drain();
            });
        } catch (RejectedExecutionException stopping) {
            drainScheduled.set(false); // the node is stopping: its sockets close with it
        }
    }

    private void drain() {
        FrameSocket socket = remote;
        if (socket == null || DRAINING.get()) {
            return;
        }
        DRAINING.set(Boolean.TRUE);
        try {
            while (!queue.isEmpty() && writing.compareAndSet(false, true)) {
                Object next = queue.poll();
                if (next == null || next instanceof Runnable) {
                    writing.set(false);
                    if (next != null) {
                        runQuietly((Runnable) next);
                    }
                    continue;
                }
                writingChars = ((String) next).length();
                // Only this drain polls, so a frame seen behind this one is still there to end the batch; an
                // action is not a frame, and the frame before it must be written before the action runs.
                socket.send((String) next, queue.peek() instanceof String, written);
            }
        } finally {
            DRAINING.set(Boolean.FALSE);
        }
    }

    /** An action's failure is its own: the frames queued behind it, and the caller's loop, go on. */
    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("action after a written frame failed: {}", e.toString());
        }
    }

    /** The frame in flight was written (or buffered to go with the next one): null, or why it failed. */
    private void written(Throwable failure) {
        queued.decrementAndGet();
        queuedChars.addAndGet(-writingChars);
        writing.set(false);
        if (failure != null) {
            onFailure.accept(failure);
            return;
        }
        drain();
    }
}
