package io.gridchat.model;

import java.util.Locale;

/** What others see of a user: online, away (connected but inactive) or offline. */
public enum PresenceStatus {
    ONLINE, AWAY, OFFLINE;

    /** The protocol's spelling: {@code "online"}, {@code "away"}, {@code "offline"}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
