package io.gridchat.edge.ws;

import com.hazelcast.core.LifecycleEvent;
import io.gridchat.edge.Grid;
import io.gridchat.edge.delivery.OfflinePush;
import io.gridchat.edge.presence.PresenceService;
import io.gridchat.model.Connection;
import io.gridchat.model.OfflineMark;
import io.gridchat.model.processor.AddConnection;
import io.gridchat.model.processor.RemoveConnection;
import java.util.List;
import java.util.stream.Collectors;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the grid's sessions map in step with this edge node's connections, which is how deliveries find
 * this node. The sessions map lives in memory only, so after the client reconnects (say to a restarted
 * grid) every live connection is registered again; registering is idempotent. Thread-safe.
 */
public final class SessionRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(SessionRegistry.class);

    private final Grid grid;
    private final String edgeId;
    private final LocalConnections connections;
    private final OfflinePush offline;
    private final PresenceService presence;

    public SessionRegistry(Grid grid, String edgeId, LocalConnections connections, OfflinePush offline,
                           PresenceService presence) {
        this.grid = grid;
        this.edgeId = edgeId;
        this.connections = connections;
        this.offline = offline;
        this.presence = presence;
        grid.client().getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == LifecycleEvent.LifecycleState.CLIENT_CONNECTED) {
                registerAll();
            }
        });
    }

    /**
     * A new connection: live events are held back while it goes live in the grid and its missed messages are
     * looked up (after registering, so a message is either live here or in the marks), then the missed
     * messages are pushed before anything live of the same room.
     */
    void open(ChatConnection connection) {
        connections.add(connection);
        connection.holdAll();
        register(connection).handle((count, failure) -> null)
                .thenCompose(registered -> offline.marksOf(connection.userId()))
                .whenComplete((marks, failure) -> {
                    List<OfflineMark> missed = failure == null ? marks : List.of();
                    if (failure != null) {
                        LOG.warn("could not read the offline marks of {}: {}", connection.userId(),
                                failure.toString());
                    }
                    missed.forEach(mark -> connection.hold(mark.roomId()));
                    connection.releaseAllBut(missed.stream().map(OfflineMark::roomId).collect(Collectors.toSet()));
                    offline.push(connection, missed);
                });
    }

    private CompletionStage<Integer> register(ChatConnection connection) {
        return grid.sessions().submitToKey(connection.userId(), new AddConnection(new Connection(edgeId,
                connection.connectionId(), connection.since()))).whenComplete((count, failure) -> {
                    if (failure != null) {
                        LOG.warn("could not register connection {} in the grid: {}", connection.connectionId(),
                                failure.toString());
                    } else {
                        presence.connected(connection);
                    }
                });
    }

    void unregister(ChatConnection connection) {
        connections.remove(connection);
        grid.sessions().submitToKey(connection.userId(), new RemoveConnection(connection.connectionId()))
                .whenComplete((remaining, failure) -> {
                    if (failure != null) {
                        LOG.warn("could not unregister connection {}: {}", connection.connectionId(),
                                failure.toString());
                    }
                    presence.closed(connection, failure == null ? remaining : -1);
                });
    }

    private void registerAll() {
        List<ChatConnection> live = connections.all();
        if (!live.isEmpty()) {
            LOG.info("reconnected to the grid: registering {} live connections again", live.size());
            live.forEach(this::register);
        }
    }
}
