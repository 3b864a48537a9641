package io.gridchat.edge.ws;

import io.gridchat.edge.ClientError;
import io.gridchat.edge.ErrorCode;
import io.gridchat.edge.Grid;
import io.gridchat.edge.delivery.OfflinePush;
import io.gridchat.edge.presence.PresenceService;
import io.gridchat.model.Connection;
import io.gridchat.model.OfflineMark;
import io.gridchat.model.processor.AddConnection;
import io.gridchat.model.processor.RemoveConnection;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the grid's sessions map in step with this edge node's connections, which is how deliveries find
 * this node. A connection is registered before its upgrade completes, so it gets every message accepted
 * after the client saw it open. The sessions map lives in memory only, so after the client reconnects (say
 * to a restarted grid) every live connection is registered again; registering is idempotent. Thread-safe.
 */
public final class SessionRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(SessionRegistry.class);
    /** Retry hint when the grid could not register a connection. */
    private static final long RETRY_AFTER_MILLIS = 1_000;
    /** How long an upgrade waits for its registration before the client gets UNAVAILABLE. */
    private static final long REGISTER_TIMEOUT_MILLIS = 5_000;
    /** A registered connection whose socket has not opened by then is forgotten. */
    private static final long OPEN_DEADLINE_SECONDS = 30;
    /**
     * Retry hint for a user at the connection limit: connections of an edge node that died count until the grid
     * misses its heartbeats (3 beats of 10 s by default).
     */
    private static final long TOO_MANY_CONNECTIONS_RETRY_MS = 30_000;

    private final Grid grid;
    private final String edgeId;
    private final LocalConnections connections;
    private final OfflinePush offline;
    private final PresenceService presence;
    private final ScheduledExecutorService timer;
    private final int maxConnectionsPerUser;
    private final TokenWatch tokenWatch;

    public SessionRegistry(Grid grid, String edgeId, LocalConnections connections, OfflinePush offline,
                           PresenceService presence, ScheduledExecutorService timer, int maxConnectionsPerUser,
                           TokenWatch tokenWatch) {
        this.grid = grid;
        this.edgeId = edgeId;
        this.connections = connections;
        this.offline = offline;
        this.presence = presence;
        this.timer = timer;
        this.maxConnectionsPerUser = maxConnectionsPerUser;
        this.tokenWatch = tokenWatch;
        grid.onServing(this::registerAll);
    }

    /**
     * Registers a connection about to be upgraded, waiting (on the upgrading thread) until the grid has it.
     * Throws the refusal when the user holds {@code maxConnectionsPerUser} connections already (RATE_LIMITED) or
     * the grid did not answer in time (UNAVAILABLE), or the token was revoked since the caller checked it
     * (UNAUTHORIZED): the upgrade must then be refused. The caller has checked that the grid is serving
     * ({@code Grid.checkServing}) and that the token was not revoked.
     */
    void admit(ChatConnection connection) {
        connections.add(connection);
        connection.onServerClose(() -> unregister(connection));
        int registered;
        try {
            registered = register(connection).toCompletableFuture().get(REGISTER_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            unregister(connection);
            throw unavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unregister(connection);
            throw unavailable();
        }
        if (registered == AddConnection.REFUSED) {
            connections.remove(connection); // never in the grid, never online: nothing to undo there
            throw new ClientError(ErrorCode.RATE_LIMITED, "too many connections: at most " + maxConnectionsPerUser
                    + " per user; close one first", TOO_MANY_CONNECTIONS_RETRY_MS);
        }
        if (tokenWatch.revokedLately(connection)) {
            unregister(connection);
            throw new ClientError(ErrorCode.UNAUTHORIZED, "missing, invalid or expired token");
        }
        timer.schedule(() -> {
            if (connection.abandonUnopened()) {
                LOG.info("connection {} never opened its socket; forgetting it", connection.connectionId());
                unregister(connection);
            }
        }, OPEN_DEADLINE_SECONDS, TimeUnit.SECONDS);
    }

    private static ClientError unavailable() {
        return new ClientError(ErrorCode.UNAVAILABLE, "the grid is not reachable right now; try again",
                RETRY_AFTER_MILLIS);
    }

    /**
     * The socket of an admitted connection opened. Live events stay held while its missed messages are looked
     * up (it is registered already, so a message is either live here or in the marks), then the missed
     * messages are pushed before anything live of the same room.
     */
    void opened(ChatConnection connection, Session session) {
        connection.attach(session);
        pushMissed(connection);
    }

    /** Pushes the connection's offline marks, then ends its holding of every room's live events. */
    private void pushMissed(ChatConnection connection) {
        offline.marksOf(connection.userId()).whenComplete((marks, failure) -> {
            List<OfflineMark> missed = failure == null ? marks : List.of();
            if (failure != null) {
                LOG.warn("could not read the offline marks of {}: {}", connection.userId(), failure.toString());
            }
            missed.forEach(mark -> connection.hold(mark.roomId()));
            connection.releaseAllButPushing();
            offline.push(connection, missed);
        });
    }

    private CompletionStage<Integer> register(ChatConnection connection) {
        return grid.sessions().submitToKey(connection.userId(), new AddConnection(new Connection(edgeId,
                connection.connectionId(), connection.since()), maxConnectionsPerUser)).whenComplete((count, failure) -> {
                    if (failure != null) {
                        LOG.warn("could not register connection {} in the grid: {}", connection.connectionId(),
                                failure.toString());
                    } else if (count != AddConnection.REFUSED) {
                        presence.connected(connection);
                    }
                });
    }

    void unregister(ChatConnection connection) {
        if (!connections.remove(connection)) {
            return;
        }
        grid.sessions().submitToKey(connection.userId(), new RemoveConnection(connection.connectionId()))
                .whenComplete((remaining, failure) -> {
                    if (failure != null) {
                        LOG.warn("could not unregister connection {}: {}", connection.connectionId(),
                                failure.toString());
                    }
                    presence.closed(connection, failure == null ? remaining : -1);
                });
    }

    /**
     * Registers every live connection again: after a reconnect to the grid (whose sessions may be gone) or when
     * the grid dropped this node's connections while it lived. Idempotent. Meanwhile delivery queued their users'
     * messages offline, so each connection then gets its offline marks pushed, as when it opened, holding live
     * events back until they are looked up.
     */
    public void registerAll() {
        List<ChatConnection> live = connections.all();
        if (!live.isEmpty()) {
            LOG.info("registering {} live connections again", live.size());
            live.forEach(connection -> {
                // One whose socket is not open yet gets its marks pushed when it opens.
                boolean push = connection.holdAllIfOpen();
                register(connection).whenComplete((count, failure) -> {
                    if (failure == null && count == AddConnection.REFUSED) {
                        LOG.info("user {} is over the connection limit after the reconnect; closing connection {}",
                                connection.userId(), connection.connectionId());
                        connections.remove(connection);
                        connection.close(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER,
                                "too many connections"));
                    } else if (push && failure == null) {
                        pushMissed(connection);
                    } else if (push) {
                        connection.releaseAllButPushing();
                    }
                });
            });
        }
    }
}
