package io.gridchat.grid;

import com.hazelcast.core.HazelcastInstance;
import io.gridchat.model.MapNames;
import io.gridchat.model.processor.Backpressure;
import io.gridchat.model.processor.DeliveryLag;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples how many messages this member holds that MySQL does not have yet (the messages map's dirty entries,
 * i.e. its write-behind backlog) and how full its heap was after the last garbage collection, four times a
 * second, and feeds the member's {@link Backpressure}: a shard outage, a slow database or more traffic than the
 * heap can hold turns into refused sends instead of memory exhaustion. Also logs when the member's
 * {@link DeliveryLag} starts and stops refusing sends, and when its delivery pauses with messages waiting.
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

    static UnsavedWatch start(HazelcastInstance instance, Backpressure backpressure, DeliveryLag deliveryLag) {
        HeapAfterGc heap = HeapAfterGc.watch();
        ScheduledExecutorService timer = DaemonTimer.named("gridchat-unsaved-watch");
        LagReport lagReport = new LagReport(deliveryLag);
        timer.scheduleWithFixedDelay(() -> {
            sample(instance, backpressure, heap);
            lagReport.check();
        }, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        return new UnsavedWatch(timer, heap);
    }

    /** Logs the delivery lag's changes of verdict; on the watch's one thread. */
    private static final class LagReport {
        private final DeliveryLag lag;
        private boolean behind;
        private boolean pausedBehind;

        LagReport(DeliveryLag lag) {
            this.lag = lag;
        }

        void check() {
            boolean behindNow = lag.behind();
            if (behindNow != behind) {
                behind = behindNow;
                LOG.warn("{} sends: delivery {} ms behind them", behindNow ? "refusing" : "accepting",
                        lag.lagMillis());
            }
            boolean pausedBehindNow = lag.overLimit() && lag.paused();
            if (pausedBehindNow && !pausedBehind) {
                LOG.info("delivery routes nothing and a message waits for it for {} ms: the delivery job is starting, "
                        + "restarting or suspended; sends are not refused for it", lag.lagMillis());
            }
            pausedBehind = pausedBehindNow;
        }
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
