package io.gridchat.edge.delivery;

import com.hazelcast.topic.ReliableMessageListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loss-tolerant reliable-topic listener that remembers where it is, so a {@link TopicSubscription} can
 * renew it from there after the grid was away. Starts at the tail: what was published before this node
 * subscribed had no reader here. Loss tolerant means Hazelcast's reader jumps to the oldest message the ring
 * still holds when the ring overwrote the next one (the node fell further behind than the ring holds) and says
 * nothing: the jump shows here as a sequence past the expected one, and {@link #skipped} is told.
 *
 * @param <T> message type
 */
public abstract class ResumableListener<T> implements ReliableMessageListener<T> {
    private static final Logger LOG = LoggerFactory.getLogger(ResumableListener.class);

    /** Where a new subscription resumes: after the last message handled, or the tail (-1) at first. */
    private volatile long nextSequence = -1;

    /**
     * The tail at first; after a re-subscription, right after the last message handled. On a restarted grid
     * that position lies beyond the new, empty ring and the subscription restarts from its head.
     */
    @Override
    public final long retrieveInitialSequence() {
        return nextSequence;
    }

    /** Hazelcast calls it with each message's sequence, just before {@code onMessage}. */
    @Override
    public final void storeSequence(long sequence) {
        long expected = nextSequence;
        nextSequence = sequence + 1;
        if (expected >= 0 && sequence > expected) {
            skipped(sequence - expected);
        }
    }

    /**
     * {@code count} messages were lost before the next one: the ring overwrote them unread. On the listener
     * thread, before that next message. A listener whose messages are best effort only logs it.
     */
    protected void skipped(long count) {
        LOG.warn("{} skipped {} messages: the ring overwrote them before they were read", getClass().getSimpleName(),
                count);
    }

    final long nextSequence() {
        return nextSequence;
    }

    /** Resume from {@code sequence} on the next subscription (the ring was reset: a restarted grid). */
    final void restartFrom(long sequence) {
        nextSequence = sequence;
    }

    @Override
    public final boolean isLossTolerant() {
        return true;
    }

    @Override
    public final boolean isTerminal(Throwable failure) {
        LOG.warn("{} failed, continuing", getClass().getSimpleName(), failure);
        return false;
    }
}
