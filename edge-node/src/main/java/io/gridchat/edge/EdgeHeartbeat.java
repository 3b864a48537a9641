package io.gridchat.edge;

import io.gridchat.model.processor.DropEdge;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the grid this edge node lives: an entry in {@code edges} with a TTL of three beats. When a node dies
 * the entry expires and the grid drops its connections (see grid-node's EdgeReaper), so deliveries stop going
 * to it and its users count as gone. Thread-safe.
 */
final class EdgeHeartbeat implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EdgeHeartbeat.class);
    private static final int MISSED_BEATS = 3;

    private final Grid grid;
    private final String edgeId;
    private final int beatSeconds;
    private final ScheduledFuture<?> beats;

    EdgeHeartbeat(Grid grid, String edgeId, int beatSeconds, ScheduledExecutorService timer) {
        this.grid = grid;
        this.edgeId = edgeId;
        this.beatSeconds = beatSeconds;
        // A node restarting under the same id must not inherit the connections of its previous life.
        grid.sessions().executeOnEntries(new DropEdge(edgeId));
        beat();
        this.beats = timer.scheduleAtFixedRate(this::beat, beatSeconds, beatSeconds, TimeUnit.SECONDS);
    }

    private void beat() {
        grid.edges().setAsync(edgeId, System.currentTimeMillis(), (long) beatSeconds * MISSED_BEATS, TimeUnit.SECONDS)
                .whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        LOG.warn("heartbeat of edge node {} failed: {}", edgeId, failure.toString());
                    }
                });
    }

    /** Stops beating and says goodbye, so the grid need not wait for the TTL. */
    @Override
    public void close() {
        beats.cancel(false);
        grid.edges().delete(edgeId);
    }
}
