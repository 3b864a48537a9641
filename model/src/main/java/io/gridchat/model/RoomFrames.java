package io.gridchat.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** Server-to-client frames about room membership, built where the grid itself announces a change. */
public final class RoomFrames {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RoomFrames() {
    }

    /** {@code {"type":"joined"|"left","room":..,"user":..}}. */
    public static String membership(String type, String roomId, String userId) {
        return membership(type, roomId, userId, null, null);
    }

    /** As {@link #membership(String, String, String)}, with who made the change and why, when given. */
    public static String membership(String type, String roomId, String userId, String byUserId, String reason) {
        Map<String, String> frame = new LinkedHashMap<>();
        frame.put("type", type);
        frame.put("room", roomId);
        frame.put("user", userId);
        if (byUserId != null) {
            frame.put("by", byUserId);
        }
        if (reason != null) {
            frame.put("reason", reason);
        }
        try {
            return JSON.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new GridchatException("cannot write a " + type + " frame", e);
        }
    }
}
