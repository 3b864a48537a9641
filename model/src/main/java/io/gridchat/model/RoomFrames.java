package io.gridchat.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** Server-to-client frames about room membership, built where the grid itself announces a change. */
public final class RoomFrames {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RoomFrames() {
    }

    /** {@code {"type":"joined"|"left","room":..,"user":..}}. */
    public static String membership(String type, String roomId, String userId) {
        try {
            return JSON.writeValueAsString(Map.of("type", type, "room", roomId, "user", userId));
        } catch (JsonProcessingException e) {
            throw new GridchatException("cannot write a " + type + " frame", e);
        }
    }
}
