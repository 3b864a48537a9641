package io.gridchat.edge.presence;

import com.hazelcast.topic.Message;
import io.gridchat.edge.delivery.ResumableListener;
import io.gridchat.model.PresenceChange;

/** Reads the cluster's presence events and hands each to the local watchers. Best effort (loss tolerant). */
public final class PresenceListener extends ResumableListener<PresenceChange> {
    private final PresenceHub hub;

    public PresenceListener(PresenceHub hub) {
        this.hub = hub;
    }

    @Override
    public void onMessage(Message<PresenceChange> message) {
        PresenceChange change = message.getMessageObject();
        if (change != null && change.changed()) {
            hub.announce(change.userId(), change.current(), change.lastSeen());
        }
    }
}
