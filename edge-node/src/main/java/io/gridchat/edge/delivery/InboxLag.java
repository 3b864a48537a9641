package io.gridchat.edge.delivery;

import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far behind this node's inbox reader is: the age of the last message it took that was new to one of its
 * connections (a replay after a member failure is old, not late), from the time the grid accepted it to the time
 * this node took it. While that is more than {@code edge.maxInboxLagMillis} the node
 * refuses sends (UNAVAILABLE with a retry hint, no grid call), so that under overload the time goes to delivering
 * what was accepted rather than to accepting more: the member refuses sends its delivery job is behind on
 * ({@code grid.maxDeliveryLagMillis}), but a routed message can still wait seconds in the inbox, whose reads queue
 * on the members' partition threads behind those sends. A verdict lasts only while messages keep arriving: one
 * older than {@link #STALE_AFTER_MILLIS} says nothing (a quiet room, or a reader that is being renewed). Ages
 * compare the members' clocks with this node's, which must be in sync (NTP) well within the limit. Thread-safe:
 * one writer (the inbox thread), any number of readers.
 */
public final class InboxLag {
    private static final Logger LOG = LoggerFactory.getLogger(InboxLag.class);
    /** A message taken longer ago than this no longer decides whether the inbox is behind. */
    static final long STALE_AFTER_MILLIS = 1_000;
    /** Under overload the verdict flips many times a second: the log says so at most this often. */
    private static final long LOG_EVERY_MILLIS = 10_000;

    private final long maxLagMillis;
    private final LongSupplier clock;
    private volatile long lagMillis;
    private volatile long takenAtMillis;
    private boolean refusing;
    private int spells;
    private long loggedAtMillis = Long.MIN_VALUE / 2;

    /** {@code maxLagMillis} 0: never behind. */
    public InboxLag(long maxLagMillis, LongSupplier clock) {
        this.maxLagMillis = maxLagMillis;
        this.clock = clock;
    }

    /** The inbox thread took a message the grid accepted at {@code acceptedAtMillis}. */
    void taken(long acceptedAtMillis) {
        long now = clock.getAsLong();
        long lag = Math.max(0, now - acceptedAtMillis);
        lagMillis = lag;
        takenAtMillis = now;
        boolean over = watching() && lag > maxLagMillis;
        if (over != refusing) {
            refusing = over;
            spells += over ? 1 : 0;
            if (over && now - loggedAtMillis >= LOG_EVERY_MILLIS) {
                LOG.info("refusing sends: this node's inbox is {} ms behind them (spells of refusal since the last "
                        + "report: {})", lag, spells);
                loggedAtMillis = now;
                spells = 0;
            }
        }
    }

    /** Whether the limit is on at all; when off, nothing needs to tell this of taken messages. */
    boolean watching() {
        return maxLagMillis > 0;
    }

    /** Whether sends on this node are refused now. */
    public boolean behind() {
        return watching() && lagMillis > maxLagMillis && clock.getAsLong() - takenAtMillis < STALE_AFTER_MILLIS;
    }
}
