package io.gridchat.grid;

import com.hazelcast.core.HazelcastInstance;
import io.gridchat.model.MapNames;
import io.gridchat.model.processor.Backpressure;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples how many messages this member holds that MySQL does not have yet (the messages map's dirty entries,
 * i.e. its write-behind backlog) four times a second and feeds the member's {@link Backpressure}, so a shard
 * outage or a slow database turns into refused sends instead of memory exhaustion.
 */
final class UnsavedWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UnsavedWatch.class);
    private static final long PERIOD_MILLIS = 250;

    private final ScheduledExecutorService timer;

    private UnsavedWatch(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    static UnsavedWatch start(HazelcastInstance instance, Backpressure backpressure) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gridchat-unsaved-watch");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> sample(instance, backpressure), PERIOD_MILLIS, PERIOD_MILLIS,
                TimeUnit.MILLISECONDS);
        return new UnsavedWatch(timer);
    }

    private static void sample(HazelcastInstance instance, Backpressure backpressure) {
        try {
            boolean wasRefusing = backpressure.refusing();
            backpressure.sample(instance.getMap(MapNames.MESSAGES).getLocalMapStats().getDirtyEntryCount());
            if (backpressure.refusing() != wasRefusing) {
                LOG.warn("{} sends: {} messages not yet in MySQL", backpressure.refusing() ? "refusing" : "accepting",
                        backpressure.unsaved());
            }
        } catch (RuntimeException e) {
            LOG.debug("unsaved-messages sample failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
