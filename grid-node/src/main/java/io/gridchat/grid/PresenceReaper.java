package io.gridchat.grid;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.query.Predicates;
import io.gridchat.config.PresenceSettings;
import io.gridchat.model.MapNames;
import io.gridchat.model.Presence;
import io.gridchat.model.PresenceStatus;
import io.gridchat.model.processor.ExpirePresence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns users offline whose presence TTL ran out (no heartbeat from any of their connections, e.g. their
 * edge node died) and announces it on the presence topic. A local listener: the member owning the entry
 * reacts, once. Runs on an event thread.
 */
final class PresenceReaper implements EntryExpiredListener<String, Presence> {
    private static final Logger LOG = LoggerFactory.getLogger(PresenceReaper.class);

    private final HazelcastInstance instance;
    private final long retentionMillis;

    private PresenceReaper(HazelcastInstance instance, long retentionMillis) {
        this.instance = instance;
        this.retentionMillis = retentionMillis;
    }

    static void register(HazelcastInstance instance, PresenceSettings settings) {
        instance.<String, Presence>getMap(MapNames.PRESENCE)
                .addLocalEntryListener(new PresenceReaper(instance, settings.lastSeenRetentionMillis()),
                        Predicates.alwaysTrue(), true);
    }

    @Override
    public void entryExpired(EntryEvent<String, Presence> event) {
        Presence expired = event.getOldValue() != null ? event.getOldValue() : event.getValue();
        if (expired == null || expired.status() == PresenceStatus.OFFLINE) {
            return; // a remembered lastSeen ran out of retention: nothing to announce
        }
        IMap<String, Presence> presence = instance.getMap(MapNames.PRESENCE);
        presence.submitToKey(event.getKey(), new ExpirePresence(expired, retentionMillis))
                .whenComplete((change, failure) -> {
                    if (failure != null) {
                        LOG.warn("could not mark {} offline after presence expiry: {}", event.getKey(),
                                failure.toString());
                    } else if (change.changed()) {
                        instance.getReliableTopic(MapNames.PRESENCE_EVENTS).publishAsync(change);
                    }
                });
    }
}
