package io.gridchat.edge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridchat.edge.receipts.MessageStatus;
import io.gridchat.model.ActiveRoom;
import io.gridchat.model.ChatMessage;
import io.gridchat.model.Room;
import io.gridchat.model.RoomTimer;
import io.gridchat.model.TimerState;
import io.gridchat.model.User;
import java.util.List;

/** The JSON shapes of protocol v1, built in one place. Thread-safe. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32).maxStringLength(1 << 20).maxNumberLength(32).build());
    }

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON tree could not be written", e);
        }
    }

    /** A message as everywhere in the protocol: {room, msgId, seq, from, text, ts}. */
    public static ObjectNode message(ChatMessage message) {
        ObjectNode node = object();
        node.put("room", message.roomId());
        node.put("msgId", message.msgId());
        node.put("seq", message.seq());
        node.put("from", message.from());
        node.put("text", message.text());
        node.put("ts", message.ts());
        return node;
    }

    public static ArrayNode messages(List<ChatMessage> messages) {
        return messages(messages, MessageStatus.NONE);
    }

    /** Messages with the {@code status} of the viewer's own ones where there is one (dm rooms). */
    public static ArrayNode messages(List<ChatMessage> messages, MessageStatus status) {
        ArrayNode array = MAPPER.createArrayNode();
        for (ChatMessage message : messages) {
            ObjectNode node = message(message);
            String shown = status.of(message);
            if (shown != null) {
                node.put("status", shown);
            }
            array.add(node);
        }
        return array;
    }

    /** A user as others see them: {userId, username, displayName}. */
    public static ObjectNode user(User user) {
        return object().put("userId", user.userId()).put("username", user.username())
                .put("displayName", user.displayName());
    }

    public static ArrayNode users(List<User> users) {
        ArrayNode array = MAPPER.createArrayNode();
        users.forEach(user -> array.add(user(user)));
        return array;
    }

    /** A room: {roomId, name, kind, topic, capacity, participantCount, ownerId, createdAt}. */
    public static ObjectNode room(Room room, int participantCount) {
        ObjectNode node = object();
        node.put("roomId", room.roomId());
        node.put("name", room.name());
        node.put("kind", room.kind().wireName());
        node.put("topic", room.topic());
        node.put("capacity", room.capacity());
        node.put("participantCount", participantCount);
        node.put("ownerId", room.ownerId());
        node.put("createdAt", room.createdAt());
        return node;
    }

    /**
     * Rooms of the active list: {@code participantCount} counts the users sitting in the room now, and
     * {@code recentMessages} (an extension) its messages in the last ten minutes.
     */
    public static ArrayNode activeRooms(List<ActiveRoom> rooms) {
        ArrayNode array = MAPPER.createArrayNode();
        rooms.forEach(active -> array.add(room(active.room(), active.liveUsers())
                .put("recentMessages", active.recentMessages())));
        return array;
    }

    /** A study room's focus timer as the clients see it at {@code now} (a running timer past its end is ended). */
    public static ObjectNode timer(RoomTimer timer, long now) {
        TimerState state = timer.stateAt(now);
        ObjectNode node = object().put("room", timer.roomId()).put("state", state.wireName())
                .put("durationMs", timer.durationMs());
        if (state == TimerState.RUNNING) {
            node.put("endsAt", timer.endsAt()).put("remainingMs", timer.endsAt() - now);
        } else {
            node.put("remainingMs", state == TimerState.PAUSED ? timer.remainingMs() : 0);
        }
        return node.put("changedBy", timer.changedBy()).put("changedAt", timer.changedAt());
    }

    public static ArrayNode strings(List<String> values) {
        ArrayNode array = MAPPER.createArrayNode();
        values.forEach(array::add);
        return array;
    }
}
