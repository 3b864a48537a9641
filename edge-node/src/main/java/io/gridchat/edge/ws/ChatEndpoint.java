package io.gridchat.edge.ws;

import io.gridchat.edge.EdgeServices;
import io.gridchat.edge.Ids;
import io.gridchat.model.Connection;
import io.gridchat.model.processor.AddConnection;
import io.gridchat.model.processor.RemoveConnection;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection of an already authenticated user (the token was checked before the upgrade).
 * Registers the connection in the grid's sessions map so deliveries find this edge node. Jetty calls it on
 * its own threads, one message at a time per connection.
 */
final class ChatEndpoint extends Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(ChatEndpoint.class);
    /** Frames a connection may have unwritten before it counts as a slow consumer. */
    static final int MAX_QUEUED_FRAMES = 10_000;

    private final EdgeServices services;
    private final LocalConnections connections;
    private final FrameHandler frames;
    private final String userId;
    private ChatConnection connection;

    ChatEndpoint(EdgeServices services, LocalConnections connections, FrameHandler frames, String userId) {
        this.services = services;
        this.connections = connections;
        this.frames = frames;
        this.userId = userId;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        connection = new ChatConnection(Ids.newId('c'), userId, session, MAX_QUEUED_FRAMES);
        connections.add(connection);
        services.grid().sessions().submitToKey(userId,
                new AddConnection(new Connection(services.edgeId(), connection.connectionId(),
                        System.currentTimeMillis())))
                .whenComplete((count, failure) -> {
                    if (failure != null) {
                        LOG.warn("could not register connection {} in the grid", connection.connectionId(), failure);
                    }
                });
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text ->
                frames.handle(connection, text));
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        if (connection == null) {
            return;
        }
        connections.remove(connection);
        services.grid().sessions().submitToKey(userId, new RemoveConnection(connection.connectionId()))
                .whenComplete((remaining, failure) -> {
                    if (failure != null) {
                        LOG.warn("could not unregister connection {}", connection.connectionId(), failure);
                    }
                });
    }

    @Override
    public void onError(Session session, Throwable failure) {
        LOG.debug("connection {} failed", connection == null ? "?" : connection.connectionId(), failure);
    }
}
