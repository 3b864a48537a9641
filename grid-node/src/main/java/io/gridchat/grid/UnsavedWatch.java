package io.gridchat.grid;

import com.hazelcast.core.HazelcastInstance;
import io.gridchat.model.MapNames;
import io.gridchat.model.processor.Backpressure;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples how many messages this member holds that MySQL does not have yet (the messages map's dirty entries,
 * i.e. its write-behind backlog) and how full its heap was after the last garbage collection, four times a
 * second, and feeds the member's {@link Backpressure}: a shard outage, a slow database or more traffic than the
 * heap can hold turns into refused sends instead of memory exhaustion.
 */
final class UnsavedWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UnsavedWatch.class);
    private static final long PERIOD_MILLIS = 250;

    private final ScheduledExecutorService timer;
    private final HeapAfterGc heap;

    private UnsavedWatch(ScheduledExecutorService timer, HeapAfterGc heap) {
        this.timer = timer;
        this.heap = heap;
    }

    static UnsavedWatch start(HazelcastInstance instance, Backpressure backpressure) {
        HeapAfterGc heap = HeapAfterGc.watch();
        ScheduledExecutorService timer = DaemonTimer.named("gridchat-unsaved-watch");
        timer.scheduleWithFixedDelay(() -> sample(instance, backpressure, heap), PERIOD_MILLIS, PERIOD_MILLIS,
                TimeUnit.MILLISECONDS);
        return new UnsavedWatch(timer, heap);
    }

    private static void sample(HazelcastInstance instance, Backpressure backpressure, HeapAfterGc heap) {
        try {
            boolean wasRefusing = backpressure.refusing();
            backpressure.sample(instance.getMap(MapNames.MESSAGES).getLocalMapStats().getDirtyEntryCount(),
                    heap.fraction());
            if (backpressure.refusing() != wasRefusing) {
                LOG.warn("{} sends: {} messages not yet in MySQL, heap {}% full after the last collection",
                        backpressure.refusing() ? "refusing" : "accepting", backpressure.unsaved(),
                        Math.round(backpressure.heap() * 100));
            }
        } catch (RuntimeException e) {
            LOG.debug("unsaved-messages sample failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        heap.close();
    }
}
