package io.gridchat.jet.delivery;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.gridchat.model.ChatMessage;
import io.gridchat.model.EdgeDelivery;
import io.gridchat.model.MapNames;
import io.gridchat.model.OfflineMarks;
import io.gridchat.model.UserSessions;
import io.gridchat.model.processor.MarkOffline;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Queues a missed message in the user's offline marks, or, when the user connected between delivery's
 * session lookup and the mark (see {@link MarkOffline}), returns the user's share for each edge node now
 * holding them. Shared by the processors of a member; thread-safe.
 */
final class OfflineQueue {
    private final IMap<String, OfflineMarks> offline;

    OfflineQueue(HazelcastInstance instance) {
        this.offline = instance.getMap(MapNames.OFFLINE);
    }

    CompletableFuture<List<EdgeDelivery>> queue(OfflineUpdate update) {
        ChatMessage message = update.message();
        return offline.submitToKey(update.userId(), new MarkOffline(message.roomId(), message.seq()))
                .toCompletableFuture()
                .thenApply(connected -> connected == null ? List.of() : sharesOf(connected, message));
    }

    private static List<EdgeDelivery> sharesOf(UserSessions connected, ChatMessage message) {
        return UserSessions.byEdge(List.of(connected)).entrySet().stream()
                .map(edge -> new EdgeDelivery(edge.getKey(), message, edge.getValue()))
                .toList();
    }
}
