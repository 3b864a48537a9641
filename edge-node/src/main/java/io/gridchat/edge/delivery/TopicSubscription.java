package io.gridchat.edge.delivery;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import com.hazelcast.ringbuffer.Ringbuffer;
import com.hazelcast.ringbuffer.impl.RingbufferService;
import com.hazelcast.topic.ITopic;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This edge node's subscription to a reliable topic (its topic, the presence events). After the client lost
 * the grid and connected again, the subscription is renewed from the listener's own position: the old reader
 * may have given up while the grid was away (a full restart is even a new cluster, with a new, empty ring).
 * Thread-safe.
 */
public final class TopicSubscription<T> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicSubscription.class);

    private final HazelcastInstance client;
    private final ITopic<T> topic;
    private final ResumableListener<T> listener;
    private final UUID lifecycleRegistration;
    private UUID registration;
    private volatile boolean disconnected;

    public TopicSubscription(HazelcastInstance client, String topicName, ResumableListener<T> listener) {
        this.client = client;
        this.topic = client.getReliableTopic(topicName);
        this.listener = listener;
        this.registration = topic.addMessageListener(listener);
        this.lifecycleRegistration = client.getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == LifecycleState.CLIENT_DISCONNECTED) {
                disconnected = true;
            } else if (event.getState() == LifecycleState.CLIENT_CONNECTED && disconnected) {
                disconnected = false;
                resubscribe();
            }
        });
    }

    private synchronized void resubscribe() {
        topic.removeMessageListener(registration);
        Ringbuffer<T> ring = client.getRingbuffer(RingbufferService.TOPIC_RB_PREFIX + topic.getName());
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
        client.getLifecycleService().removeLifecycleListener(lifecycleRegistration);
        topic.removeMessageListener(registration);
    }
}
