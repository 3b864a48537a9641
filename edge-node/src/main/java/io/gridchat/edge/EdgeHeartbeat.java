package io.gridchat.edge;

import com.hazelcast.core.HazelcastOverloadException;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the grid this edge node lives: an entry in {@code edges} with a TTL of three beats. When a node dies
 * the entry expires and the grid drops its connections (see grid-node's EdgeReaper), so deliveries stop going
 * to it and its users count as gone. If the entry expired while this node lived (a grid member stalled past
 * the TTL), the next beat finds it gone and the node registers its connections again. A beat refused at once
 * because the node's grid calls are at {@code edge.maxGridCallsInFlight} is sent again every
 * {@value #REFUSED_RETRY_MILLIS} ms until one gets a slot: under a load that keeps the node at its limit, slots
 * free up all the time but a beat only every {@code heartbeatSeconds} rarely finds one, and three refused beats
 * in a row made the grid drop a live node's connections (their messages went to offline queues). Thread-safe.
 */
final class EdgeHeartbeat implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EdgeHeartbeat.class);
    private static final int MISSED_BEATS = 3;
    /** Time for the grid's reaper, which may still be dropping this node's connections, to finish first. */
    private static final long REREGISTER_AGAIN_SECONDS = 5;
    static final long REFUSED_RETRY_MILLIS = 100;

    private final Grid grid;
    private final String edgeId;
    private final int beatSeconds;
    private final ScheduledExecutorService timer;
    private final List<Runnable> whenForgotten = new CopyOnWriteArrayList<>();
    private final ScheduledFuture<?> beats;
    private final AtomicBoolean retrying = new AtomicBoolean();
    private volatile boolean beaten;
    private volatile boolean closed;

    EdgeHeartbeat(Grid grid, String edgeId, int beatSeconds, ScheduledExecutorService timer) {
        this.grid = grid;
        this.edgeId = edgeId;
        this.beatSeconds = beatSeconds;
        this.timer = timer;
        beat();
        this.beats = timer.scheduleAtFixedRate(this::beat, beatSeconds, beatSeconds, TimeUnit.SECONDS);
    }

    /** Runs {@code action} when the grid is found to have forgotten this live node (and once more shortly after). */
    void whenForgotten(Runnable action) {
        whenForgotten.add(action);
    }

    private void beat() {
        send().whenComplete(this::beaten);
    }

    private CompletionStage<Long> send() {
        // Through Futures.call: a beat refused at once (the grid is behind) must not escape and cancel the schedule,
        // or the grid would drop this live node's connections; it fails like a lost one and is sent again.
        return Futures.call(() -> grid.edges().putAsync(edgeId, System.currentTimeMillis(),
                (long) beatSeconds * MISSED_BEATS, TimeUnit.SECONDS));
    }

    private static boolean refused(Throwable failure) {
        return failure != null && Futures.rootOf(failure) instanceof HazelcastOverloadException;
    }

    private void beaten(Long previous, Throwable failure) {
        if (refused(failure)) {
            if (!closed && retrying.compareAndSet(false, true)) {
                LOG.warn("heartbeat of edge node {} refused: its grid calls are at the in-flight limit; sending it"
                        + " again every {} ms until it goes through", edgeId, REFUSED_RETRY_MILLIS);
                timer.schedule(this::retryRefused, REFUSED_RETRY_MILLIS, TimeUnit.MILLISECONDS);
            }
        } else if (failure != null) {
            LOG.warn("heartbeat of edge node {} failed: {}", edgeId, failure.toString());
        } else if (previous == null && beaten) {
            LOG.warn("the grid had forgotten edge node {} (its heartbeat expired): registering its"
                    + " connections again", edgeId);
            whenForgotten.forEach(Runnable::run);
            timer.schedule(() -> whenForgotten.forEach(Runnable::run), REREGISTER_AGAIN_SECONDS, TimeUnit.SECONDS);
        } else {
            beaten = true;
        }
    }

    private void retryRefused() {
        if (closed) {
            return;
        }
        send().whenComplete((previous, failure) -> {
            if (refused(failure) && !closed) {
                timer.schedule(this::retryRefused, REFUSED_RETRY_MILLIS, TimeUnit.MILLISECONDS);
                return;
            }
            retrying.set(false);
            if (failure == null) {
                LOG.info("heartbeat of edge node {} went through after refusals", edgeId);
            }
            beaten(previous, failure);
        });
    }

    /** Stops beating and says goodbye, so the grid need not wait for the TTL. */
    @Override
    public void close() {
        closed = true;
        beats.cancel(false);
        grid.edges().delete(edgeId);
    }
}
