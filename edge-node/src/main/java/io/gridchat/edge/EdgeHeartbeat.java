package io.gridchat.edge;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the grid this edge node lives: an entry in {@code edges} with a TTL of three beats. When a node dies
 * the entry expires and the grid drops its connections (see grid-node's EdgeReaper), so deliveries stop going
 * to it and its users count as gone. If the entry expired while this node lived (a grid member stalled past
 * the TTL), the next beat finds it gone and the node registers its connections again. Thread-safe.
 */
final class EdgeHeartbeat implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EdgeHeartbeat.class);
    private static final int MISSED_BEATS = 3;
    /** Time for the grid's reaper, which may still be dropping this node's connections, to finish first. */
    private static final long REREGISTER_AGAIN_SECONDS = 5;

    private final Grid grid;
    private final String edgeId;
    private final int beatSeconds;
    private final ScheduledExecutorService timer;
    private final List<Runnable> whenForgotten = new CopyOnWriteArrayList<>();
    private final ScheduledFuture<?> beats;
    private volatile boolean beaten;

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
        // Through Futures.call: a beat refused at once (the grid is behind) must not escape and cancel the schedule,
        // or the grid would drop this live node's connections; it fails like a lost one and the next beat retries.
        Futures.call(() -> grid.edges().putAsync(edgeId, System.currentTimeMillis(),
                (long) beatSeconds * MISSED_BEATS, TimeUnit.SECONDS)).whenComplete(this::beaten);
    }

    private void beaten(Long previous, Throwable failure) {
        if (failure != null) {
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

    /** Stops beating and says goodbye, so the grid need not wait for the TTL. */
    @Override
    public void close() {
        beats.cancel(false);
        grid.edges().delete(edgeId);
    }
}
