package io.gridchat.bench.baseline;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridchat.edge.ErrorCode;
import io.gridchat.edge.Json;
import io.gridchat.edge.ws.FrameSocket;
import io.gridchat.edge.ws.Outbound;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One baseline WebSocket connection of an authenticated user: frames {@code join}, {@code leave},
 * {@code send} and {@code ping} with gridchat's replies, one outbound queue as on the edge node. No dedupe of
 * {@code clientMsgId} (the generator never repeats one) and no history. Jetty calls it one frame at a time per
 * connection; {@link #send} may be called from any thread. Public only because the Jakarta container requires
 * endpoint classes to be.
 */
public final class BareEndpoint extends Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(BareEndpoint.class);
    /** As on the edge node: frames a connection may have unwritten before it counts as a slow consumer. */
    private static final int MAX_QUEUED_FRAMES = 10_000;

    private final BareDirectory directory;
    private final String userId;
    private final Set<BareRoom> joined = ConcurrentHashMap.newKeySet();
    private volatile Session session;
    private volatile Outbound outbound;

    BareEndpoint(BareDirectory directory, String userId) {
        this.directory = directory;
        this.userId = userId;
    }

    String userId() {
        return userId;
    }

    @Override
    public void onOpen(Session opened, EndpointConfig config) {
        session = opened;
        outbound = new Outbound(MAX_QUEUED_FRAMES, this::onSendFailure,
                () -> close(CloseReason.CloseCodes.TRY_AGAIN_LATER, "too many unread frames"));
        outbound.attach(FrameSocket.of(opened));
        opened.addMessageHandler(String.class, (MessageHandler.Whole<String>) this::handle);
    }

    @Override
    public void onClose(Session closed, CloseReason reason) {
        joined.forEach(room -> room.disconnect(this));
    }

    @Override
    public void onError(Session failed, Throwable failure) {
        LOG.debug("connection of user {} failed", userId, failure);
    }

    void send(String frame) {
        outbound.send(frame);
    }

    static ObjectNode reply(String type, JsonNode id) {
        ObjectNode node = Json.object().put("type", type);
        if (id != null) {
            node.set("id", id);
        }
        return node;
    }

    private void handle(String text) {
        JsonNode frame;
        try {
            frame = Json.MAPPER.readTree(text);
        } catch (JacksonException e) {
            sendError(null, ErrorCode.BAD_REQUEST, "frame is not valid JSON");
            return;
        }
        if (frame == null || !frame.isObject()) {
            sendError(null, ErrorCode.BAD_REQUEST, "a frame must be a JSON object");
            return;
        }
        JsonNode id = frame.get("id");
        String type = frame.path("type").asText("");
        if ("ping".equals(type)) {
            send(Json.write(reply("pong", id)));
            return;
        }
        Optional<BareRoom> room = directory.room(frame.path("room").textValue());
        if (!"join".equals(type) && !"leave".equals(type) && !"send".equals(type)) {
            sendError(id, ErrorCode.BAD_REQUEST, "unknown frame type " + type);
        } else if (room.isEmpty()) {
            sendError(id, ErrorCode.NOT_FOUND, "no such room");
        } else {
            handleRoomFrame(type, id, frame, room.get());
        }
    }

    private void handleRoomFrame(String type, JsonNode id, JsonNode frame, BareRoom room) {
        switch (type) {
            case "join" -> {
                joined.add(room);
                room.join(this, id);
            }
            case "leave" -> {
                room.leave(this);
                joined.remove(room);
                send(Json.write(reply("ack", id).put("room", frame.path("room").asText())));
            }
            default -> {
                String text = frame.path("text").textValue();
                if (text == null || text.isBlank()) {
                    sendError(id, ErrorCode.BAD_REQUEST, "text must not be empty");
                } else if (!room.send(this, id, text, frame.path("clientMsgId").textValue())) {
                    sendError(id, ErrorCode.FORBIDDEN, "you are not a member of this room");
                }
            }
        }
    }

    private void sendError(JsonNode id, ErrorCode code, String message) {
        send(Json.write(reply("error", id).put("code", code.name()).put("message", message)));
    }

    private void onSendFailure(Throwable failure) {
        LOG.debug("write to a connection of user {} failed, closing", userId, failure);
        close(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "write failed");
    }

    private void close(CloseReason.CloseCode code, String reason) {
        try {
            session.close(new CloseReason(code, reason));
        } catch (IOException | RuntimeException e) {
            LOG.debug("close of a connection of user {} failed", userId, e);
        }
    }
}
