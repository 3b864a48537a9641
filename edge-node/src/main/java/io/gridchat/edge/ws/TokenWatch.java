package io.gridchat.edge.ws;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.gridchat.edge.Grid;
import jakarta.websocket.CloseReason;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes open connections whose token stopped being valid after their upgrade checked it, with 1008 (policy
 * violation). Expired: a sweep on the edge's timer once a second, so no frame pays for the check. Revoked (a
 * logout on any edge node): every edge node listens to the {@code revoked-tokens} map and closes its connections
 * opened with that token. The listener misses what happens while its client is away from the grid, so each time
 * the node serves again the token ids of all live connections are looked up once. Thread-safe: the sweep runs
 * on the timer, the listener on Hazelcast's event threads, the look-up on the blocking executor.
 */
public final class TokenWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TokenWatch.class);
    static final CloseReason EXPIRED = new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "token expired");
    static final CloseReason REVOKED = new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "token revoked");
    /** How late past its token's expiry a connection may close. */
    private static final long SWEEP_MILLIS = 1_000;
    /**
     * How long a revocation heard here is remembered: far longer than an upgrade takes from its revocation check
     * to its registration, the window in which the listener may not yet see the new connection.
     */
    private static final long REMEMBER_MILLIS = 60_000;
    /** Token ids per look-up after a reconnect. */
    private static final int LOOKUP_BATCH = 1_000;

    private final Grid grid;
    private final LocalConnections connections;
    private final Executor blocking;
    private final Clock clock;
    /** Token id to when its revocation was heard. */
    private final Map<String, Long> recentlyRevoked = new ConcurrentHashMap<>();
    private final UUID listener;
    private final ScheduledFuture<?> sweep;

    public TokenWatch(Grid grid, LocalConnections connections, ScheduledExecutorService timer, Executor blocking,
                      Clock clock) {
        this.grid = grid;
        this.connections = connections;
        this.blocking = blocking;
        this.clock = clock;
        this.listener = grid.revokedTokens().addEntryListener(new Revocations(), false);
        this.sweep = timer.scheduleWithFixedDelay(this::closeExpired, SWEEP_MILLIS, SWEEP_MILLIS,
                TimeUnit.MILLISECONDS);
        grid.onServing(this::recheckLater);
    }

    /**
     * True when the token of {@code connection} was revoked lately. Asked after the connection is in
     * {@link LocalConnections}: a revocation heard before that is caught here, one heard after it closes the
     * connection through the listener.
     */
    boolean revokedLately(ChatConnection connection) {
        return connection.tokenId() != null && recentlyRevoked.containsKey(connection.tokenId());
    }

    private void closeExpired() {
        try {
            long now = clock.millis();
            for (ChatConnection connection : connections.all()) {
                if (connection.tokenExpiresAt() <= now) {
                    LOG.debug("token of connection {} expired, closing", connection.connectionId());
                    connection.close(EXPIRED);
                }
            }
            recentlyRevoked.values().removeIf(heard -> heard < now - REMEMBER_MILLIS);
        } catch (RuntimeException e) {
            // An exception would cancel the schedule: log it and sweep again next time.
            LOG.warn("token expiry sweep failed: {}", e.toString());
        }
    }

    private void revoked(String tokenId) {
        recentlyRevoked.put(tokenId, clock.millis());
        for (ChatConnection connection : connections.ofToken(tokenId)) {
            LOG.debug("token of connection {} revoked, closing", connection.connectionId());
            connection.close(REVOKED);
        }
    }

    private void recheckLater() {
        try {
            blocking.execute(this::recheck);
        } catch (RejectedExecutionException e) {
            LOG.debug("not rechecking tokens: the node is stopping");
        }
    }

    /** Looks up every live connection's token id: revocations made while the listener was away. */
    private void recheck() {
        List<String> tokenIds = connections.tokenIds();
        try {
            for (int from = 0; from < tokenIds.size(); from += LOOKUP_BATCH) {
                Set<String> batch = new HashSet<>(tokenIds.subList(from,
                        Math.min(tokenIds.size(), from + LOOKUP_BATCH)));
                grid.revokedTokens().getAll(batch).keySet().forEach(this::revoked);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not recheck the tokens of {} connections: {}", tokenIds.size(), e.toString());
        }
    }

    @Override
    public void close() {
        sweep.cancel(false);
        try {
            grid.revokedTokens().removeEntryListener(listener);
        } catch (RuntimeException e) {
            LOG.debug("could not remove the revoked-tokens listener: {}", e.toString());
        }
    }

    /** A logout sets the token's entry: added, or updated when the same token is logged out again. */
    private final class Revocations implements EntryAddedListener<String, Long>, EntryUpdatedListener<String, Long> {
        @Override
        public void entryAdded(EntryEvent<String, Long> event) {
            revoked(event.getKey());
        }

        @Override
        public void entryUpdated(EntryEvent<String, Long> event) {
            revoked(event.getKey());
        }
    }
}
