package io.gridchat.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import io.gridchat.model.MapNames;
import io.gridchat.model.Presence;
import io.gridchat.model.PresenceChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a presence change the grid decides by itself and announces it on the presence topic when it changed. */
final class PresenceAnnouncer {
    private static final Logger LOG = LoggerFactory.getLogger(PresenceAnnouncer.class);

    private PresenceAnnouncer() {
    }

    static void apply(HazelcastInstance instance, String userId,
                      EntryProcessor<String, Presence, PresenceChange> update, String why) {
        instance.<String, Presence>getMap(MapNames.PRESENCE).submitToKey(userId, update)
                .whenComplete((change, failure) -> {
                    if (failure != null) {
                        LOG.warn("could not mark {} offline {}: {}", userId, why, failure.toString());
                    } else if (change.changed()) {
                        instance.getReliableTopic(MapNames.PRESENCE_EVENTS).publishAsync(change);
                    }
                });
    }
}
