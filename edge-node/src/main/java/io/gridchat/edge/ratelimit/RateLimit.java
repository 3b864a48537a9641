package io.gridchat.edge.ratelimit;

import io.gridchat.config.LimitSettings;
import java.util.function.ToIntFunction;

/** The rate limits, each with its key prefix in the grid's rate-limits map and its setting. */
public enum RateLimit {
    /** Accepted sends per user. */
    MESSAGES("messages", LimitSettings::messagesPerUser, "messages"),
    /** Authenticated HTTP API calls per user. */
    API_CALLS("api", LimitSettings::apiCallsPerUser, "API calls"),
    /** WebSocket upgrades per client IP address. */
    CONNECTS("connects", LimitSettings::connectsPerAddress, "new connections from your address"),
    /** Failed logins per client IP address. */
    FAILED_LOGINS_BY_ADDRESS("failed-logins-address", LimitSettings::failedLoginsPerAddress,
            "failed logins from your address"),
    /** Failed logins per (lower-cased) username. */
    FAILED_LOGINS_BY_USERNAME("failed-logins-username", LimitSettings::failedLoginsPerUsername,
            "failed logins for this username");

    private final String prefix;
    private final ToIntFunction<LimitSettings> perWindow;
    private final String counted;

    RateLimit(String prefix, ToIntFunction<LimitSettings> perWindow, String counted) {
        this.prefix = prefix;
        this.perWindow = perWindow;
        this.counted = counted;
    }

    /** Permits per window; 0 when the limit is off. */
    int perWindow(LimitSettings limits) {
        return perWindow.applyAsInt(limits);
    }

    /** The key of {@code subject}'s window in the rate-limits map. */
    String key(String subject) {
        return prefix + ':' + subject;
    }

    /** What the client is told; it names the limit, never the subject (which may be a username). */
    String refusal(int perWindow, int windowSeconds) {
        return "too many " + counted + ": at most " + perWindow + " in " + windowSeconds + " s; try again later";
    }
}
