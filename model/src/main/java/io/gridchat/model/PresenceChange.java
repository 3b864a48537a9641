package io.gridchat.model;

/** The outcome of a presence update: the status before and after; an event is due when they differ. */
public record PresenceChange(String userId, PresenceStatus previous, PresenceStatus current, long lastSeen) {
    public boolean changed() {
        return previous != current;
    }
}
