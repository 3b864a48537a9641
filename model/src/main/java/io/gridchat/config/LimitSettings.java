package io.gridchat.config;

/**
 * Bounds on what clients may send.
 *
 * @param maxTextLength     most Unicode code points in a message
 * @param maxFrameBytes     largest WebSocket text frame accepted
 * @param maxHttpBodyBytes  largest HTTP request body accepted
 * @param maxRoomNameLength most characters in a room name
 * @param maxTopicLength    most characters in a room topic
 * @param maxClientMsgIdLength most characters in a clientMsgId
 * @param maxCapacity       largest capacity a study room may have
 * @param defaultCapacity   capacity of a study room that names none
 */
public record LimitSettings(int maxTextLength, int maxFrameBytes, int maxHttpBodyBytes, int maxRoomNameLength,
                            int maxTopicLength, int maxClientMsgIdLength, int maxCapacity, int defaultCapacity) {
    public LimitSettings {
        ConfigException.check(maxTextLength >= 1, "limits.maxTextLength", "must be at least 1");
        ConfigException.check(maxFrameBytes >= 1024, "limits.maxFrameBytes", "must be at least 1024");
        ConfigException.check(maxHttpBodyBytes >= 1024, "limits.maxHttpBodyBytes", "must be at least 1024");
        ConfigException.check(maxRoomNameLength >= 1, "limits.maxRoomNameLength", "must be at least 1");
        ConfigException.check(maxTopicLength >= 0, "limits.maxTopicLength", "must not be negative");
        ConfigException.check(maxClientMsgIdLength >= 1, "limits.maxClientMsgIdLength", "must be at least 1");
        ConfigException.check(maxCapacity >= 2, "limits.maxCapacity", "must be at least 2");
        ConfigException.check(defaultCapacity >= 2 && defaultCapacity <= maxCapacity, "limits.defaultCapacity",
                "must be 2 to limits.maxCapacity");
    }
}
