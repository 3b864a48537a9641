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
import com.hazelcast.jet.pipeline.StreamStage;
import io.gridchat.model.ChatMessage;
import io.gridchat.model.EdgeDelivery;
import io.gridchat.model.MapNames;
import io.gridchat.model.MessageKey;

/**
 * Delivery: every accepted message, read from the messages map's event journal, goes to each edge node that
 * holds a connection of one of the room's members, as one {@link EdgeDelivery} per edge node; group and dm
 * members without a connection get the message queued in their offline marks, or pushed after all when they
 * connected between the session lookup and the mark ({@link OfflineQueue}).
 *
 * <p>Order: a room's messages all live on one partition, so its journal is in seq order; the pipeline
 * preserves order per partition (isolated edges, same parallelism end to end), hence per room, up to each
 * edge inbox. Edge nodes drop a seq they already delivered, which makes at-least-once exactly-once for clients.
 */
public final class DeliveryPipeline {
    /** Offline marks whose updates may be in flight at once per processor; order is kept regardless. */
    private static final int MARKS_IN_FLIGHT = 64;
    /**
     * Messages routed together, sharing their lookups. Batches form from what waits when a processor's lookups
     * are all in flight (Jet keeps four batches in flight per processor), so they are single messages at low
     * load and grow with it.
     */
    private static final int ROUTING_BATCH = 128;

    private DeliveryPipeline() {
    }

    /** The production source: messages as they are added to the map, from the oldest retained on first start. */
    public static StreamSource<ChatMessage> journalSource() {
        return Sources.<ChatMessage, MessageKey, ChatMessage>mapJournal(MapNames.MESSAGES,
                JournalInitialPosition.START_FROM_OLDEST, EventJournalMapEvent::getNewValue,
                event -> event.getType() == EntryEventType.ADDED);
    }

    public static Pipeline build(StreamSource<ChatMessage> source, Sink<EdgeDelivery> edgeSink) {
        Pipeline pipeline = Pipeline.create();
        pipeline.setPreserveOrder(true);
        ServiceFactory<?, DeliveryLookups> lookups = ServiceFactories
                .sharedService(context -> new DeliveryLookups(context.hazelcastInstance()));
        ServiceFactory<?, OfflineQueue> offlineQueues = ServiceFactories
                .sharedService(context -> new OfflineQueue(context.hazelcastInstance()));
        StreamStage<Object> routed = pipeline.readFrom(source)
                .withoutTimestamps()
                .mapUsingServiceAsyncBatched(lookups, ROUTING_BATCH, DeliveryLookups::route)
                .flatMap(Traversers::traverseIterable);
        StreamStage<EdgeDelivery> live = routed.filter(item -> item instanceof EdgeDelivery)
                .map(item -> (EdgeDelivery) item);
        StreamStage<EdgeDelivery> connectedMeanwhile = routed.filter(item -> item instanceof OfflineUpdate)
                .map(item -> (OfflineUpdate) item)
                .mapUsingServiceAsync(offlineQueues, MARKS_IN_FLIGHT, true, OfflineQueue::queue)
                .flatMap(Traversers::traverseIterable);
        live.merge(connectedMeanwhile).writeTo(edgeSink);
        return pipeline;
    }
}
