package io.gridchat.jet.delivery;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.pipeline.Sink;
import com.hazelcast.jet.pipeline.SinkBuilder;
import com.hazelcast.topic.ITopic;
import io.gridchat.model.EdgeDelivery;
import io.gridchat.model.MapNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes edge shares to each edge node's reliable-topic inbox, batched per edge per inbox drain so a busy
 * pipeline costs one ringbuffer write per edge per batch (of up to {@value #MAX_PUBLISH_BATCH}), not per message.
 * Order within a batch is kept.
 * One instance per sink processor, used by that processor's thread only.
 */
public final class EdgeInboxSink {
    /**
     * Most items one {@code publishAll} takes: a reliable topic's ringbuffer refuses a larger batch (Hazelcast's
     * {@code RingbufferProxy.MAX_BATCH_SIZE}), and the refusal failed the delivery job. A sink inbox can hold
     * more than that for one edge (1,024 per upstream queue).
     */
    static final int MAX_PUBLISH_BATCH = 1_000;
    private final HazelcastInstance instance;
    private final Map<String, List<EdgeDelivery>> pending = new HashMap<>();
    private final Map<String, ITopic<EdgeDelivery>> topics = new HashMap<>();

    private EdgeInboxSink(HazelcastInstance instance) {
        this.instance = instance;
    }

    public static Sink<EdgeDelivery> sink() {
        return SinkBuilder.sinkBuilder("edge-inboxes", context -> new EdgeInboxSink(context.hazelcastInstance()))
                .<EdgeDelivery>receiveFn(EdgeInboxSink::add)
                .flushFn(EdgeInboxSink::flush)
                .build();
    }

    private void add(EdgeDelivery delivery) {
        pending.computeIfAbsent(delivery.edgeId(), edge -> new ArrayList<>()).add(delivery);
    }

    private void flush() throws Exception {
        for (Map.Entry<String, List<EdgeDelivery>> entry : pending.entrySet()) {
            if (entry.getValue().isEmpty()) {
                continue;
            }
            ITopic<EdgeDelivery> topic = topics.computeIfAbsent(entry.getKey(),
                    edge -> instance.getReliableTopic(MapNames.edgeInbox(edge)));
            List<EdgeDelivery> batch = entry.getValue();
            for (int from = 0; from < batch.size(); from += MAX_PUBLISH_BATCH) {
                topic.publishAll(batch.subList(from, Math.min(batch.size(), from + MAX_PUBLISH_BATCH)));
            }
            batch.clear();
        }
    }
}
