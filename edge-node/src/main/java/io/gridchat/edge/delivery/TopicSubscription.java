package io.gridchat.edge.delivery;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import com.hazelcast.ringbuffer.StaleSequenceException;
import com.hazelcast.ringbuffer.Ringbuffer;
import com.hazelcast.ringbuffer.impl.RingbufferService;
import com.hazelcast.topic.ITopic;
import io.gridchat.edge.Futures;
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
 * nothing more until it restarted. So a check every {@link #CHECK_MILLIS} renews a subscription whose ring has
 * messages its listener has not taken for {@link #STALL_MILLIS}. Thread-safe.
 */
public final class TopicSubscription<T> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicSubscription.class);
    static final long CHECK_MILLIS = 2_000;
    /** Longer than one message takes a listener (a frame to every local connection of its recipients). */
    static final long STALL_MILLIS = 6_000;

    private final HazelcastInstance client;
    private final ITopic<T> topic;
    private final Ringbuffer<T> ring;
    private final ResumableListener<T> listener;
    private final Runnable renewed;
    private final UUID lifecycleRegistration;
    private final ScheduledFuture<?> check;
    private UUID registration;
    private volatile boolean disconnected;
    /** Ring tail when the listener first subscribed: a listener that took nothing yet reads from after it. */
    private final long firstTail;
    private long lastNext;
    private volatile long unchangedSinceNanos = System.nanoTime();
    private volatile boolean probing;

    /** @param renewed told each time a stopped reader is renewed (for the node's metrics) */
    public TopicSubscription(HazelcastInstance client, String topicName, ResumableListener<T> listener,
                             ScheduledExecutorService timer, Runnable renewed) {
        this.client = client;
        this.topic = client.getReliableTopic(topicName);
        this.ring = client.getRingbuffer(RingbufferService.TOPIC_RB_PREFIX + topicName);
        this.listener = listener;
        this.renewed = renewed;
        this.firstTail = ring.tailSequence();
        this.lastNext = listener.nextSequence();
        this.registration = topic.addMessageListener(listener);
        this.lifecycleRegistration = client.getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == LifecycleState.CLIENT_DISCONNECTED) {
                disconnected = true;
            } else if (event.getState() == LifecycleState.CLIENT_CONNECTED && disconnected) {
                disconnected = false;
                resubscribe();
            }
        });
        this.check = timer.scheduleWithFixedDelay(this::checkProgress, CHECK_MILLIS, CHECK_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /**
     * On the node's shared timer, so it never waits for the grid: when the listener took nothing for
     * {@link #STALL_MILLIS}, an asynchronous read of at most one message at its position (not waiting for one)
     * shows whether messages wait for it; refused or failed probes are tried again on a later check.
     */
    private void checkProgress() {
        long next = listener.nextSequence();
        long now = System.nanoTime();
        if (next != lastNext) {
            lastNext = next;
            unchangedSinceNanos = now;
            return;
        }
        if (disconnected || probing || now - unchangedSinceNanos < TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS)) {
            return;
        }
        long position = next == -1 ? firstTail + 1 : next;
        probing = true;
        Futures.call(() -> ring.readManyAsync(position, 0, 1, null)).whenComplete((batch, failure) -> {
            probing = false;
            boolean waiting = failure == null ? batch.readCount() > 0
                    : Futures.rootOf(failure) instanceof StaleSequenceException;
            if (waiting && listener.nextSequence() == next) {
                renewStalled(position);
            } else if (failure != null) {
                LOG.debug("probing the subscription to {} failed: {}", topic.getName(), failure.toString());
            }
        });
    }

    private synchronized void renewStalled(long position) {
        unchangedSinceNanos = System.nanoTime();
        try {
            listener.restartFrom(position);
            topic.removeMessageListener(registration);
            LOG.warn("the reader of {} stopped with messages waiting: subscription renewed from sequence {}",
                    topic.getName(), position);
            registration = topic.addMessageListener(listener);
            renewed.run();
        } catch (RuntimeException e) {
            // Refused (the node's grid calls are at their limit): the next check tries again.
            LOG.debug("renewing the subscription to {} failed: {}", topic.getName(), e.toString());
        }
    }

    /** After a reconnect: the old reader may have given up while the grid was away. */
    private synchronized void resubscribe() {
        topic.removeMessageListener(registration);
        long next = listener.nextSequence();
        if (next > ring.tailSequence() + 1) {
            // A fresh ring (the grid restarted): a reader waiting for a sequence it will not reach soon
            // would block, so read it from its start instead.
            listener.restartFrom(ring.headSequence());
        }
        LOG.info("connected to the grid again: subscription to {} renewed from sequence {}", topic.getName(),
                listener.nextSequence());
        registration = topic.addMessageListener(listener);
    }

    @Override
    public synchronized void close() {
        check.cancel(false);
        client.getLifecycleService().removeLifecycleListener(lifecycleRegistration);
        topic.removeMessageListener(registration);
    }
}
