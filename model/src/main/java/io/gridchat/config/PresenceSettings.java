package io.gridchat.config;

/**
 * Presence: who is online, away or offline.
 *
 * @param ttlSeconds            a user whose connections sent no heartbeat for this long is offline (covers
 *                              connections that vanished without a close, e.g. on a dead edge node)
 * @param awayAfterSeconds      a connected user with no activity (frames other than ping) for this long is away
 * @param lastSeenRetentionDays how long {@code lastSeen} of an offline user is remembered
 * @param maxWatchedUsers       most users one connection may watch (a {@code presence} frame names at most 500)
 */
public record PresenceSettings(int ttlSeconds, int awayAfterSeconds, int lastSeenRetentionDays,
                               int maxWatchedUsers) {
    public PresenceSettings {
        ConfigException.check(ttlSeconds >= 1, "presence.ttlSeconds", "must be at least 1");
        ConfigException.check(awayAfterSeconds >= 1, "presence.awayAfterSeconds", "must be at least 1");
        ConfigException.check(lastSeenRetentionDays >= 1, "presence.lastSeenRetentionDays", "must be at least 1");
        ConfigException.check(maxWatchedUsers >= 500, "presence.maxWatchedUsers", "must be at least 500");
    }

    public long ttlMillis() {
        return ttlSeconds * 1000L;
    }

    public long awayAfterMillis() {
        return awayAfterSeconds * 1000L;
    }

    public long lastSeenRetentionMillis() {
        return lastSeenRetentionDays * 86_400_000L;
    }
}
