package io.gridchat.bench.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridchat.edge.Json;
import io.gridchat.model.ChatMessage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One in-memory room: its members, the connections that joined it and its seq counter. A send takes the
 * room's lock to assign the next seq and queue the ack and the message on every connection, so each
 * connection gets the room's messages in seq order; queueing never blocks. Thread-safe.
 */
final class BareRoom {
    private final String roomId;
    private final String name;
    private final String kind;
    private final String topic;
    private final int capacity;
    private final String ownerId;
    private final long createdAt = System.currentTimeMillis();
    private final Set<String> members = new LinkedHashSet<>();
    private final List<BareEndpoint> connections = new ArrayList<>();
    private long lastSeq;

    BareRoom(String roomId, String name, String kind, String topic, int capacity, String ownerId) {
        this.roomId = roomId;
        this.name = name;
        this.kind = kind;
        this.topic = topic;
        this.capacity = capacity;
        this.ownerId = ownerId;
        members.add(ownerId);
    }

    /** The room as protocol v1 shows it. */
    synchronized ObjectNode toJson() {
        return Json.object().put("roomId", roomId).put("name", name).put("kind", kind).put("topic", topic)
                .put("capacity", capacity).put("participantCount", members.size()).put("ownerId", ownerId)
                .put("createdAt", createdAt);
    }

    /**
     * Adds the connection's user and the connection, and queues the join ack (participants, no recent
     * messages) before any message that follows it.
     */
    synchronized void join(BareEndpoint connection, JsonNode id) {
        members.add(connection.userId());
        if (!connections.contains(connection)) {
            connections.add(connection);
        }
        ObjectNode ack = BareEndpoint.reply("ack", id).put("room", roomId);
        ack.set("participants", Json.strings(List.copyOf(members)));
        ack.set("recent", Json.MAPPER.createArrayNode());
        connection.send(Json.write(ack.put("lastSeq", lastSeq)));
    }

    synchronized void leave(BareEndpoint connection) {
        connections.remove(connection);
        members.remove(connection.userId());
    }

    /** The connection is gone; its user stays a member, as in a group room. */
    synchronized void disconnect(BareEndpoint connection) {
        connections.remove(connection);
    }

    /** Accepts a message: false when the sender is not a member. */
    synchronized boolean send(BareEndpoint sender, JsonNode id, String text, String clientMsgId) {
        if (!members.contains(sender.userId())) {
            return false;
        }
        long seq = ++lastSeq;
        ChatMessage message = new ChatMessage(roomId, seq, ChatMessage.msgIdOf(roomId, seq), sender.userId(), text,
                System.currentTimeMillis(), clientMsgId);
        sender.send(Json.write(BareEndpoint.reply("ack", id).put("room", roomId).put("msgId", message.msgId())
                .put("seq", seq).put("ts", message.ts())));
        ObjectNode event = Json.object().put("type", "message");
        event.setAll(Json.message(message));
        String frame = Json.write(event);
        for (BareEndpoint connection : connections) {
            connection.send(frame);
        }
        return true;
    }
}
