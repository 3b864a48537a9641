package io.gridchat.edge.ratelimit;

import io.gridchat.config.LimitSettings;
import java.util.Arrays;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/** The rate limits, each with its key prefix in the grid's rate-limits map and its setting. */
public enum RateLimit {
    /** Accepted sends per user. */
    MESSAGES("messages", LimitSettings::messagesPerUser, "messages", true),
    /** Authenticated HTTP API calls per user. */
    API_CALLS("api", LimitSettings::apiCallsPerUser, "API calls", true),
    /** WebSocket upgrades per client IP address. */
    CONNECTS("connects", LimitSettings::connectsPerAddress, "new connections from your address", false),
    /** Failed logins per client IP address. */
    FAILED_LOGINS_BY_ADDRESS("failed-logins-address", LimitSettings::failedLoginsPerAddress,
            "failed logins from your address", false),
    /** Failed logins per (lower-cased) username. */
    FAILED_LOGINS_BY_USERNAME("failed-logins-username", LimitSettings::failedLoginsPerUsername,
            "failed logins for this username", false);

    private static final Map<String, RateLimit> BY_PREFIX = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(limit -> limit.prefix, limit -> limit));

    private final String prefix;
    private final ToIntFunction<LimitSettings> perWindow;
    private final String counted;
    private final boolean leased;

    RateLimit(String prefix, ToIntFunction<LimitSettings> perWindow, String counted, boolean leased) {
        this.prefix = prefix;
        this.perWindow = perWindow;
        this.counted = counted;
        this.leased = leased;
    }

    /** The limit whose key (see {@link #key}) this is. */
    static RateLimit ofKey(String key) {
        RateLimit limit = BY_PREFIX.get(key.substring(0, Math.max(0, key.indexOf(':'))));
        if (limit == null) {
            throw new IllegalArgumentException("not a rate-limit key: " + key);
        }
        return limit;
    }

    /** The limit's name in keys and metrics. */
    String prefix() {
        return prefix;
    }

    /**
     * Whether an edge node may lease permits of it ahead of use ({@link PermitLeases}): the limits a user can go
     * fast on; the login and connection limits are small and must count each attempt as it happens.
     */
    boolean leased() {
        return leased;
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
