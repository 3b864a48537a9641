package io.gridchat.grid;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.query.Predicates;
import io.gridchat.config.PresenceSettings;
import io.gridchat.model.MapNames;
import io.gridchat.model.Presence;
import io.gridchat.model.PresenceStatus;
import io.gridchat.model.processor.ExpirePresence;
import io.gridchat.model.processor.PresenceAnnouncer;

/**
 * Turns users offline whose presence TTL ran out (no heartbeat from any of their connections) and announces
 * it on the presence topic (when their edge node died, {@link EdgeReaper} usually did so first). A local
 * listener: the member owning the entry reacts, once. Runs on an event thread.
 */
final class PresenceReaper implements EntryExpiredListener<String, Presence> {
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
        PresenceAnnouncer.apply(instance, event.getKey(), new ExpirePresence(expired, retentionMillis),
                "after presence expiry");
    }
}
