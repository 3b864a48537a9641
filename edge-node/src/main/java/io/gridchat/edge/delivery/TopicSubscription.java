package io.gridchat.edge.delivery;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import com.hazelcast.ringbuffer.Ringbuffer;
import com.hazelcast.ringbuffer.impl.RingbufferService;
import com.hazelcast.topic.ITopic;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This edge node's subscription to a reliable topic (its topic, the presence events), renewed from the
 * listener's own position whenever its reader is gone: after the client lost the grid and connected again (the
 * old reader may have given up while the grid was away; a full restart is even a new cluster, with a new, empty
 * ring), and when the reader stopped while messages wait. Hazelcast's reader asks for its next batch from the
 * callback of the last one; when the client refuses that call (its calls in flight at
 * {@code edge.maxGridCallsInFlight}, thrown at once) the reader ends without a word, and the node delivered
 * nothing more until it restarted. So a check every second renews a subscription whose ring has messages its
 * listener has not taken for {@link #STALL_MILLIS}. Thread-safe.
 */
public final class TopicSubscription<T> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicSubscription.class);
    static final long CHECK_MILLIS = 1_000;
    /** Longer than one message takes a listener (a frame to every local connection of its recipients). */
    static final long STALL_MILLIS = 5_000;

    private final HazelcastInstance client;
    private final ITopic<T> topic;
    private final Ringbuffer<T> ring;
    private final ResumableListener<T> listener;
    private final UUID lifecycleRegistration;
    private final ScheduledFuture<?> check;
    private UUID registration;
    private volatile boolean disconnected;
    /** Ring tail when the listener first subscribed: it takes what comes after (touched by the check only). */
    private final long firstTail;
    private long lastNext;
    private long unchangedSinceNanos = System.nanoTime();

    public TopicSubscription(HazelcastInstance client, String topicName, ResumableListener<T> listener,
                             ScheduledExecutorService timer) {
        this.client = client;
        this.topic = client.getReliableTopic(topicName);
        this.ring = client.getRingbuffer(RingbufferService.TOPIC_RB_PREFIX + topicName);
        this.listener = listener;
        this.firstTail = ring.tailSequence();
        this.lastNext = listener.nextSequence();
        this.registration = topic.addMessageListener(listener);
        this.lifecycleRegistration = client.getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == LifecycleState.CLIENT_DISCONNECTED) {
                disconnected = true;
            } else if (event.getState() == LifecycleState.CLIENT_CONNECTED && disconnected) {
                disconnected = false;
                resubscribe("connected to the grid again");
            }
        });
        this.check = timer.scheduleWithFixedDelay(this::checkProgress, CHECK_MILLIS, CHECK_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    private void checkProgress() {
        try {
            long next = listener.nextSequence();
            long now = System.nanoTime();
            if (next != lastNext) {
                lastNext = next;
                unchangedSinceNanos = now;
                return;
            }
            if (disconnected || now - unchangedSinceNanos < TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS)) {
                return;
            }
            long tail = ring.tailSequence();
            boolean waiting = next == -1 ? tail > firstTail : tail >= next;
            if (waiting) {
                if (next == -1) {
                    listener.restartFrom(firstTail + 1);
                }
                resubscribe("its reader stopped at sequence " + listener.nextSequence() + " with the tail at " + tail);
                unchangedSinceNanos = now;
            }
        } catch (RuntimeException e) {
            // Refused or failed (the grid is busy or away): the next check tries again.
            LOG.debug("checking the subscription to {} failed: {}", topic.getName(), e.toString());
        }
    }

    private synchronized void resubscribe(String why) {
        topic.removeMessageListener(registration);
        long next = listener.nextSequence();
        if (next > ring.tailSequence() + 1) {
            // A fresh ring (the grid restarted): a reader waiting for a sequence it will not reach soon
            // would block, so read it from its start instead.
            listener.restartFrom(ring.headSequence());
        }
        LOG.warn("{}: subscription to {} renewed from sequence {}", why, topic.getName(), listener.nextSequence());
        registration = topic.addMessageListener(listener);
    }

    @Override
    public synchronized void close() {
        check.cancel(false);
        client.getLifecycleService().removeLifecycleListener(lifecycleRegistration);
        topic.removeMessageListener(registration);
    }
}
