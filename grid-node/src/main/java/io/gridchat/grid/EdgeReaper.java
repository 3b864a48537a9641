package io.gridchat.grid;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryExpiredListener;
import io.gridchat.config.PresenceSettings;
import io.gridchat.model.MapNames;
import io.gridchat.model.processor.EdgeDrop;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets the connections of an edge node whose heartbeat entry expired (it died without saying goodbye).
 * Registered as a local listener, so exactly the member owning the entry reacts; runs on an event thread.
 * Hazelcast expires an entry when something reads it past its TTL, or when its background sweep gets to it,
 * which on a loaded member came up to ~20 s late; so a timer reads this member's heartbeat entries every
 * second, and a dead node's connections go within a second of its TTL. Their users left without a connection
 * turn offline then too (last seen at their last heartbeat), rather than when their presence entries expire,
 * which waits for the same sweep.
 */
final class EdgeReaper implements EntryExpiredListener<String, Long>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EdgeReaper.class);
    private static final long PROBE_MILLIS = 1_000;

    private final HazelcastInstance instance;
    private final long lastSeenRetentionMillis;
    private final ScheduledExecutorService timer;
    /** Heartbeat entries seen on this member: an expired entry no longer shows in the local key set. */
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    private EdgeReaper(HazelcastInstance instance, long lastSeenRetentionMillis) {
        this.instance = instance;
        this.lastSeenRetentionMillis = lastSeenRetentionMillis;
        this.timer = DaemonTimer.named("gridchat-edge-reaper");
    }

    static EdgeReaper register(HazelcastInstance instance, PresenceSettings presence) {
        EdgeReaper reaper = new EdgeReaper(instance, presence.lastSeenRetentionMillis());
        instance.<String, Long>getMap(MapNames.EDGES).addLocalEntryListener(reaper);
        reaper.timer.scheduleWithFixedDelay(reaper::probe, PROBE_MILLIS, PROBE_MILLIS, TimeUnit.MILLISECONDS);
        return reaper;
    }

    /** Reads each heartbeat entry this member knows of: one past its TTL expires now and fires entryExpired. */
    private void probe() {
        try {
            IMap<String, Long> edges = instance.getMap(MapNames.EDGES);
            known.addAll(edges.localKeySet());
            known.removeIf(edgeId -> !edges.containsKey(edgeId));
        } catch (RuntimeException e) {
            LOG.debug("edge heartbeat probe failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    @Override
    public void entryExpired(EntryEvent<String, Long> event) {
        if (instance.getMap(MapNames.EDGES).containsKey(event.getKey())) {
            // It beat again since (its entry expired while a member stalled): the node lives, keep its connections.
            LOG.warn("edge node {} missed its heartbeats but beats again: keeping its connections", event.getKey());
            return;
        }
        LOG.warn("edge node {} stopped beating: dropping its connections", event.getKey());
        EdgeDrop.run(instance, event.getKey(), lastSeenRetentionMillis);
    }
}
