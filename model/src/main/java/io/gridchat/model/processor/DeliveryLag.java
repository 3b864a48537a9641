package io.gridchat.model.processor;

import java.util.function.LongSupplier;

/**
 * How far a member's delivery is behind its sends: how long the oldest message accepted here that the delivery job
 * has not routed yet has waited. Past the limit the member refuses sends (OVERLOADED) until delivery catches up, so
 * an overloaded grid answers "busy" at once instead of taking messages it then delivers tens of seconds late (at
 * 5,000 sends/s on 2 cores, deliveries fell to a tenth of the accepted messages' and arrived 30 s late). A delivery
 * that routed nothing for {@link #PAUSED_AFTER_MILLIS} is paused, not slow (its job starting, restarting after a
 * member joined or left, or suspended), and refuses nothing: its messages wait in the journal, and chat must not
 * stop with the job; under overload routed batches complete many times a second. Both notes are member-local: the
 * delivery job routes a message on the member owning its partition. The oldest waiting message is known only
 * roughly (messages are routed in accept order per partition, not across them, and notes race), which is enough
 * for a limit of a second or more; a race may hide a lag until the next accept. Thread-safe.
 */
public final class DeliveryLag {
    /** Key of the member's instance in its user context. */
    public static final String USER_CONTEXT_KEY = "gridchat.deliveryLag";
    /** Routing nothing for this long means delivery is paused, not slow. */
    static final long PAUSED_AFTER_MILLIS = 1_000;
    private static final long NONE = Long.MIN_VALUE;

    private final long maxLagMillis;
    private final LongSupplier clock;
    private volatile long newestAccepted = NONE;
    private volatile long newestRouted = NONE;
    /** Accept time of the oldest message not routed yet, as far as known; NONE when all are routed. */
    private volatile long waitingSince = NONE;
    private volatile long routedAt;

    /** @param maxLagMillis the lag past which sends are refused; 0 never refuses */
    public DeliveryLag(long maxLagMillis) {
        this(maxLagMillis, System::currentTimeMillis);
    }

    DeliveryLag(long maxLagMillis, LongSupplier clock) {
        this.maxLagMillis = maxLagMillis;
        this.clock = clock;
        this.routedAt = clock.getAsLong() - PAUSED_AFTER_MILLIS;
    }

    /** A message accepted here, with its accept time. */
    public void accepted(long ts) {
        if (ts > newestAccepted) {
            newestAccepted = ts;
        }
        if (waitingSince == NONE) {
            waitingSince = ts;
        }
    }

    /** Delivery routed messages of this member, the newest accepted at {@code newestTs}. */
    public void routed(long newestTs) {
        if (newestTs > newestRouted) {
            newestRouted = newestTs;
        }
        routedAt = clock.getAsLong();
        if (newestRouted >= newestAccepted) {
            waitingSince = NONE;
        } else if (waitingSince != NONE && waitingSince < newestRouted) {
            waitingSince = newestRouted;
        }
    }

    /** How long the oldest message not routed yet has waited; 0 when delivery caught up. */
    public long lagMillis() {
        long since = waitingSince;
        return since == NONE ? 0 : Math.max(0, clock.getAsLong() - since);
    }

    /** Whether sends are refused: delivery is behind by more than the limit and routing. */
    public boolean behind() {
        return overLimit() && !paused();
    }

    /** Whether delivery is behind by more than the limit, routing or not. */
    public boolean overLimit() {
        return maxLagMillis > 0 && lagMillis() > maxLagMillis;
    }

    /** Whether delivery routed nothing for {@link #PAUSED_AFTER_MILLIS} (then its lag refuses no sends). */
    public boolean paused() {
        return clock.getAsLong() - routedAt >= PAUSED_AFTER_MILLIS;
    }
}
