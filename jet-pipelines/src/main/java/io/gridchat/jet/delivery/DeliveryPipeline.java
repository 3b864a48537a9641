package io.gridchat.jet.delivery;

import com.hazelcast.core.EntryEventType;
import com.hazelcast.jet.Traversers;
import com.hazelcast.jet.pipeline.JournalInitialPosition;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.jet.pipeline.ServiceFactories;
import com.hazelcast.jet.pipeline.ServiceFactory;
import com.hazelcast.jet.pipeline.Sink;
import com.hazelcast.jet.pipeline.Sources;
import com.hazelcast.jet.pipeline.StreamSource;
import com.hazelcast.map.EventJournalMapEvent;
import com.hazelcast.map.IMap;
import io.gridchat.model.ChatMessage;
import io.gridchat.model.EdgeDelivery;
import io.gridchat.model.MapNames;
import io.gridchat.model.MessageKey;
import io.gridchat.model.Roster;
import io.gridchat.model.UserSessions;

/**
 * Delivery: every accepted message, read from the messages map's event journal, goes to each edge node that
 * holds a connection of one of the room's members, as one {@link EdgeDelivery} per edge node.
 *
 * <p>Order: a room's messages all live on one partition, so its journal is in seq order; the pipeline
 * preserves order per partition (isolated edges, same parallelism end to end), hence per room, up to each
 * edge inbox. Edge nodes drop a seq they already delivered, which makes at-least-once exactly-once for clients.
 */
public final class DeliveryPipeline {
    private DeliveryPipeline() {
    }

    /** The production source: messages as they are added to the map, from the oldest retained on first start. */
    public static StreamSource<ChatMessage> journalSource() {
        return Sources.<ChatMessage, MessageKey, ChatMessage>mapJournal(MapNames.MESSAGES,
                JournalInitialPosition.START_FROM_OLDEST, EventJournalMapEvent::getNewValue,
                event -> event.getType() == EntryEventType.ADDED);
    }

    public static Pipeline build(StreamSource<ChatMessage> source, Sink<EdgeDelivery> sink) {
        Pipeline pipeline = Pipeline.create();
        pipeline.setPreserveOrder(true);
        ServiceFactory<?, IMap<String, UserSessions>> sessions = ServiceFactories
                .<String, UserSessions>iMapService(MapNames.SESSIONS).toNonCooperative();
        pipeline.readFrom(source)
                .withoutTimestamps()
                .mapUsingIMap(MapNames.ROSTERS, ChatMessage::roomId, DeliveryPipeline::addressed)
                .flatMapUsingService(sessions, (map, addressed) ->
                        Traversers.traverseIterable(EdgeShares.split(addressed.message(), addressed.roster(),
                                map.getAll(addressed.recipients()))))
                .writeTo(sink);
        return pipeline;
    }

    private static Addressed addressed(ChatMessage message, Roster roster) {
        return roster == null ? null : new Addressed(message, roster);
    }
}
