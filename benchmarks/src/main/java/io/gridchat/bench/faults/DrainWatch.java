package io.gridchat.bench.faults;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures a drain: from a given moment until MySQL holds every send acked up to then, polling the shards
 * twice a second on its own thread. {@link #millis()} is -1 until then.
 */
final class DrainWatch implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(DrainWatch.class);
    private static final long POLL_MILLIS = 500;

    private final MessageTable table;
    private final List<SendLog.Ack> acks;
    private final long fromNanos;
    private final long deadlineNanos;
    private volatile long millis = -1;

    DrainWatch(MessageTable table, List<SendLog.Ack> acks, long fromNanos, long maxSeconds) {
        this.table = table;
        this.acks = acks;
        this.fromNanos = fromNanos;
        this.deadlineNanos = fromNanos + TimeUnit.SECONDS.toNanos(maxSeconds);
    }

    static DrainWatch start(MessageTable table, List<SendLog.Ack> acks, long fromNanos, long maxSeconds) {
        DrainWatch watch = new DrainWatch(table, acks, fromNanos, maxSeconds);
        Thread thread = new Thread(watch, "drain-watch");
        thread.setDaemon(true);
        thread.start();
        return watch;
    }

    long millis() {
        return millis;
    }

    @Override
    public void run() {
        while (System.nanoTime() - deadlineNanos < 0) {
            try {
                if (Verdict.allStored(acks, table.read())) {
                    millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - fromNanos);
                    LOG.info("MySQL holds all {} sends acked before the mark, {} ms after it", acks.size(), millis);
                    return;
                }
            } catch (Exception e) {
                LOG.debug("drain poll failed: {}", e.toString());
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
        LOG.warn("MySQL still misses sends acked before the mark after {} s", TimeUnit.NANOSECONDS.toSeconds(
                deadlineNanos - fromNanos));
    }

    /** Waits until the drain is measured or the deadline passed. */
    long await() throws InterruptedException {
        while (millis < 0 && System.nanoTime() - deadlineNanos < 0) {
            Thread.sleep(100);
        }
        return millis;
    }
}
