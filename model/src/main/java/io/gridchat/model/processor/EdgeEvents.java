package io.gridchat.model.processor;

import com.hazelcast.core.HazelcastInstance;
import io.gridchat.model.EdgeEvent;
import io.gridchat.model.MapNames;
import io.gridchat.model.UserSessions;

/** Publishing an unstored room event to the inboxes of the edge nodes that hold its recipients. */
public final class EdgeEvents {
    private EdgeEvents() {
    }

    /**
     * Publishes {@code frame} to the inbox of every edge node holding one of {@code recipients}' connections;
     * those connections then watch {@code watchUserId}'s presence (empty: nobody).
     */
    public static void publish(HazelcastInstance instance, String roomId, String frame, Iterable<UserSessions> recipients,
                        String watchUserId) {
        publish(instance, roomId, frame, recipients, watchUserId, "");
    }

    /** As above; and {@code unwatchUserId} no longer shares the room (see {@link EdgeEvent}). */
    public static void publish(HazelcastInstance instance, String roomId, String frame, Iterable<UserSessions> recipients,
                               String watchUserId, String unwatchUserId) {
        UserSessions.byEdge(recipients).forEach((edgeId, userIds) ->
                instance.getReliableTopic(MapNames.edgeInbox(edgeId))
                        .publishAsync(new EdgeEvent(edgeId, roomId, frame, userIds, watchUserId, unwatchUserId)));
    }
}
