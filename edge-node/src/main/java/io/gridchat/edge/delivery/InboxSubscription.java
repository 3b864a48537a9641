package io.gridchat.edge.delivery;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import com.hazelcast.ringbuffer.Ringbuffer;
import com.hazelcast.ringbuffer.impl.RingbufferService;
import com.hazelcast.topic.ITopic;
import io.gridchat.model.MapNames;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This edge node's subscription to its inbox. After the client lost the grid and connected again, the
 * subscription is renewed from the listener's own position: the old reader may have given up while the grid
 * was away (a full restart is even a new cluster, with a new, empty inbox). Thread-safe.
 */
public final class InboxSubscription implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InboxSubscription.class);

    private final HazelcastInstance client;
    private final ITopic<Object> inbox;
    private final InboxListener listener;
    private final UUID lifecycleRegistration;
    private UUID registration;
    private volatile boolean disconnected;

    public InboxSubscription(HazelcastInstance client, String edgeId, InboxListener listener) {
        this.client = client;
        this.inbox = client.getReliableTopic(MapNames.edgeInbox(edgeId));
        this.listener = listener;
        this.registration = inbox.addMessageListener(listener);
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
        inbox.removeMessageListener(registration);
        Ringbuffer<Object> ring = client.getRingbuffer(RingbufferService.TOPIC_RB_PREFIX + inbox.getName());
        long next = listener.nextSequence();
        if (next > ring.tailSequence() + 1) {
            // A fresh inbox (the grid restarted): a reader waiting for a sequence it will not reach soon
            // would block, so read it from its start instead.
            listener.restartFrom(ring.headSequence());
        }
        LOG.info("connected to the grid again: inbox subscription renewed from sequence {}", listener.nextSequence());
        registration = inbox.addMessageListener(listener);
    }

    @Override
    public synchronized void close() {
        client.getLifecycleService().removeLifecycleListener(lifecycleRegistration);
        inbox.removeMessageListener(registration);
    }
}
