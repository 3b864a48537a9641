package io.gridchat.edge.presence;

/**
 * One connection's part in its user's presence: when it last showed activity, when it last told the grid,
 * and whether the grid then called the user away. Decides when the next heartbeat is due, so the grid hears
 * from a busy connection about once per quarter TTL, not per frame. Thread-safe.
 */
public final class PresenceClock {
    private volatile long lastActivity;
    private volatile long lastTouch;
    private volatile boolean away;

    public PresenceClock(long openedAt) {
        this.lastActivity = openedAt;
    }

    long lastActivity() {
        return lastActivity;
    }

    /**
     * Records a frame; true when a heartbeat is due: the last is older than {@code touchEveryMillis}, or the
     * user was away and now acts. The caller sends it; concurrent frames claim it once.
     */
    synchronized boolean frame(long now, boolean active, long touchEveryMillis) {
        if (active) {
            lastActivity = now;
        }
        if ((active && away) || now - lastTouch >= touchEveryMillis) {
            lastTouch = now;
            away = false;
            return true;
        }
        return false;
    }

    synchronized void touched(long at, boolean nowAway) {
        lastTouch = Math.max(lastTouch, at);
        away = nowAway;
    }
}
