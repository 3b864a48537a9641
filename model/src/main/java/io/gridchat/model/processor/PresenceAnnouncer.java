package io.gridchat.model.processor;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import io.gridchat.model.MapNames;
import io.gridchat.model.Presence;
import io.gridchat.model.PresenceChange;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a presence change that no connection asked for (an expiry, a dropped edge node) and announces it on the
 * presence topic when it changed; from a member or an edge node's client alike.
 */
public final class PresenceAnnouncer {
    private static final Logger LOG = LoggerFactory.getLogger(PresenceAnnouncer.class);

    private PresenceAnnouncer() {
    }

    /** Completes once applied and, if it changed anything, published; never exceptionally (it is logged). */
    public static CompletableFuture<Void> apply(HazelcastInstance instance, String userId,
                                                EntryProcessor<String, Presence, PresenceChange> update, String why) {
        return instance.<String, Presence>getMap(MapNames.PRESENCE).submitToKey(userId, update).toCompletableFuture()
                .thenCompose(change -> change.changed()
                        ? instance.<PresenceChange>getReliableTopic(MapNames.PRESENCE_EVENTS).publishAsync(change)
                                .toCompletableFuture()
                        : CompletableFuture.<Void>completedFuture(null))
                .exceptionally(failure -> {
                    LOG.warn("could not mark {} offline {}: {}", userId, why, failure.toString());
                    return null;
                });
    }
}
