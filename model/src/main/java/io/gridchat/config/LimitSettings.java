package io.gridchat.config;

/**
 * Bounds on what clients may send, and how often.
 *
 * @param maxTextLength     most Unicode code points in a message
 * @param maxFrameBytes     largest WebSocket text frame accepted
 * @param maxHttpBodyBytes  largest HTTP request body accepted
 * @param maxRoomNameLength most characters in a room name
 * @param maxTopicLength    most characters in a room topic
 * @param maxClientMsgIdLength most characters in a clientMsgId
 * @param maxCapacity       largest capacity a study room may have
 * @param defaultCapacity   capacity of a study room that names none
 * @param rateWindowSeconds the sliding window the rate limits below count over
 * @param messagesPerUser   accepted sends per user per window (refused and repeated sends do not count); 0: off
 * @param apiCallsPerUser   authenticated HTTP API calls per user per window; 0: off
 * @param connectsPerAddress WebSocket upgrades per client IP address per window; 0: off
 * @param failedLoginsPerAddress failed logins per client IP address per window, then every login from it is
 *                          refused until the window allows one again; 0: off
 * @param failedLoginsPerUsername failed logins per username per window, from any address; 0: off
 * @param permitLeaseMax    most permits of a user's message or API-call limit an edge node takes from the grid in
 *                          one call, ahead of use, for a user who goes fast (never more than a tenth of the limit);
 *                          1: one grid call per permit
 * @param maxConnectionsPerUser live WebSocket connections per user over all edge nodes
 * @param maxRoomsPerConnection rooms one WebSocket connection may have joined at once
 * @param maxQueuedFrames   frames a connection may have unwritten (a client that does not read); past it the
 *                          connection is closed with 1013 (try again later), so it slows nobody else
 * @param maxQueuedChars    characters those unwritten frames may hold together, the same way: bounds the memory
 *                          a client that does not read can pin, whatever the frames' sizes
 */
public record LimitSettings(int maxTextLength, int maxFrameBytes, int maxHttpBodyBytes, int maxRoomNameLength,
                            int maxTopicLength, int maxClientMsgIdLength, int maxCapacity, int defaultCapacity,
                            int rateWindowSeconds, int messagesPerUser, int apiCallsPerUser, int connectsPerAddress,
                            int failedLoginsPerAddress, int failedLoginsPerUsername, int permitLeaseMax,
                            int maxConnectionsPerUser,
                            int maxRoomsPerConnection, int maxQueuedFrames, int maxQueuedChars) {
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
        ConfigException.check(rateWindowSeconds >= 1 && rateWindowSeconds <= 86_400, "limits.rateWindowSeconds",
                "must be 1 to 86400");
        ConfigException.check(messagesPerUser >= 0, "limits.messagesPerUser", "must not be negative (0: off)");
        ConfigException.check(apiCallsPerUser >= 0, "limits.apiCallsPerUser", "must not be negative (0: off)");
        ConfigException.check(connectsPerAddress >= 0, "limits.connectsPerAddress", "must not be negative (0: off)");
        ConfigException.check(failedLoginsPerAddress >= 0, "limits.failedLoginsPerAddress",
                "must not be negative (0: off)");
        ConfigException.check(failedLoginsPerUsername >= 0, "limits.failedLoginsPerUsername",
                "must not be negative (0: off)");
        ConfigException.check(permitLeaseMax >= 1 && permitLeaseMax <= 1_000, "limits.permitLeaseMax",
                "must be 1 to 1000");
        ConfigException.check(maxConnectionsPerUser >= 1, "limits.maxConnectionsPerUser", "must be at least 1");
        ConfigException.check(maxRoomsPerConnection >= 1, "limits.maxRoomsPerConnection", "must be at least 1");
        ConfigException.check(maxQueuedFrames >= 1, "limits.maxQueuedFrames", "must be at least 1");
        ConfigException.check(maxQueuedChars >= maxFrameBytes, "limits.maxQueuedChars",
                "must be at least limits.maxFrameBytes");
    }

    public long rateWindowMillis() {
        return rateWindowSeconds * 1000L;
    }
}
