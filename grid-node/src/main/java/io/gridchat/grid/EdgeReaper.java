package io.gridchat.grid;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.listener.EntryExpiredListener;
import io.gridchat.model.LiveRoom;
import io.gridchat.model.MapNames;
import io.gridchat.model.UserSessions;
import io.gridchat.model.processor.DropEdge;
import io.gridchat.model.processor.DropEdgeSeats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets the connections of an edge node whose heartbeat entry expired (it died without saying goodbye).
 * Registered as a local listener, so exactly the member owning the entry reacts. Runs on an event thread.
 */
final class EdgeReaper implements EntryExpiredListener<String, Long> {
    private static final Logger LOG = LoggerFactory.getLogger(EdgeReaper.class);

    private final HazelcastInstance instance;

    private EdgeReaper(HazelcastInstance instance) {
        this.instance = instance;
    }

    static void register(HazelcastInstance instance) {
        instance.<String, Long>getMap(MapNames.EDGES).addLocalEntryListener(new EdgeReaper(instance));
    }

    @Override
    public void entryExpired(EntryEvent<String, Long> event) {
        if (instance.getMap(MapNames.EDGES).containsKey(event.getKey())) {
            // It beat again since (its entry expired while a member stalled): the node lives, keep its connections.
            LOG.warn("edge node {} missed its heartbeats but beats again: keeping its connections", event.getKey());
            return;
        }
        LOG.warn("edge node {} stopped beating: dropping its connections", event.getKey());
        instance.<String, UserSessions>getMap(MapNames.SESSIONS).executeOnEntries(new DropEdge(event.getKey()));
        instance.<String, LiveRoom>getMap(MapNames.ROOM_LIVE).executeOnEntries(new DropEdgeSeats(event.getKey()));
    }
}
