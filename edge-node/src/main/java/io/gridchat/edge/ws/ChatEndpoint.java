package io.gridchat.edge.ws;

import io.gridchat.edge.EdgeServices;
import io.gridchat.edge.Ids;
import io.gridchat.edge.auth.TokenService.Token;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection of an already authenticated user (the token was checked before the upgrade).
 * Jetty calls it on its own threads, one message at a time per connection. Public only because the
 * Jakarta container requires endpoint classes to be.
 */
public final class ChatEndpoint extends Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(ChatEndpoint.class);

    private final SessionRegistry sessions;
    private final EdgeServices services;
    private final FrameHandler frames;
    private final ChatConnection connection;

    /** {@code connection} was admitted (registered in the grid) before the upgrade. */
    ChatEndpoint(SessionRegistry sessions, EdgeServices services, FrameHandler frames, ChatConnection connection) {
        this.sessions = sessions;
        this.services = services;
        this.frames = frames;
        this.connection = connection;
    }

    /** A connection opened with {@code token} (verified), to admit before its upgrade. */
    static ChatConnection newConnection(EdgeServices services, Token token) {
        return new ChatConnection(Ids.newId('c'), token, services.limits().maxQueuedFrames(),
                services.limits().maxQueuedChars(),
                (written, roomId, seq) -> services.receipts().delivered(written.connectionId(), written.userId(),
                        roomId, seq), services.frameWriters());
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        sessions.opened(connection, session);
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text ->
                frames.handle(connection, text));
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        sessions.unregister(connection);
        connection.closeRooms().forEach(room -> services.rooms().release(connection.connectionId(), room));
        services.typing().closed(connection.connectionId());
        services.receipts().closed(connection.connectionId());
    }

    @Override
    public void onError(Session session, Throwable failure) {
        LOG.debug("connection {} failed", connection.connectionId(), failure);
    }
}
