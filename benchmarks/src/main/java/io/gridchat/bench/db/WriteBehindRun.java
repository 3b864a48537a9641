package io.gridchat.bench.db;

import com.hazelcast.jet.Job;
import com.hazelcast.map.IMap;
import io.gridchat.config.GridchatConfig;
import io.gridchat.grid.GridNode;
import io.gridchat.model.ChatMessage;
import io.gridchat.model.GridchatException;
import io.gridchat.model.MapNames;
import io.gridchat.model.MessageKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Phase (b): a real grid member built by grid-node ({@link GridNode#start}, the production member configuration)
 * takes every message into its messages map with {@code setAll} batches, and the write-behind queue drains them
 * through MessageMapStore into the shards. Measured from the first put until MySQL holds every row: the member's
 * dirty-entry count (its write-behind queue, cheap to read) is polled every {@value #POLL_MILLIS} ms and the
 * shards are counted in full only when it reaches zero (and once a second for the log), so counting hardly loads
 * the database while it drains. Hazelcast empties the queue right after a store run's last commit, so the end is
 * seen a little late: by that clean-up and one poll interval. Called from one thread.
 */
final class WriteBehindRun {
    private static final Logger LOG = LoggerFactory.getLogger(WriteBehindRun.class);
    private static final int PUT_BATCH = 1000;
    private static final long POLL_MILLIS = 10;
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    /**
     * @param putSeconds      first put to last put
     * @param firstRowSeconds first put to the first row seen in MySQL (includes the write delay)
     * @param drainSeconds    first put to every row in MySQL
     */
    record Result(double putSeconds, double firstRowSeconds, double drainSeconds) {
    }

    private WriteBehindRun() {
    }

    static Result run(GridchatConfig config, List<ChatMessage> messages, BenchDatabase database,
                      boolean deliveryJob) throws InterruptedException {
        try (GridNode node = GridNode.start(config)) {
            if (!deliveryJob) {
                cancelDelivery(node);
            }
            IMap<MessageKey, ChatMessage> map = node.instance().getMap(MapNames.MESSAGES);
            AtomicInteger put = new AtomicInteger();
            long start = System.nanoTime();
            CompletableFuture<Long> puts = CompletableFuture.supplyAsync(() -> putAll(map, messages, put));
            long firstRow = -1;
            long nextReport = start + Duration.ofSeconds(1).toNanos();
            while (true) {
                long now = System.nanoTime();
                if (now - start > TIMEOUT.toNanos()) {
                    throw new GridchatException("write-behind did not drain " + messages.size() + " rows in "
                            + TIMEOUT);
                }
                long dirty = map.getLocalMapStats().getDirtyEntryCount();
                // The table is near empty until the first commit, so counting it is cheap until then.
                if (firstRow < 0 && database.countMessages() > 0) {
                    firstRow = now;
                }
                if (puts.isDone() && dirty == 0) {
                    long putsDone = puts.join(); // rethrows what failed a put
                    if (database.countMessages() >= messages.size()) {
                        return new Result(seconds(start, putsDone), seconds(start, firstRow), seconds(start, now));
                    }
                }
                if (now >= nextReport) {
                    LOG.info("write-behind: {} of {} put, {} in the queue, {} rows in MySQL", put.get(),
                            messages.size(), dirty, database.countMessages());
                    nextReport += Duration.ofSeconds(1).toNanos();
                }
                Thread.sleep(POLL_MILLIS);
            }
        }
    }

    /** The delivery job reads the messages journal; cancelled, the drain is measured on its own. */
    private static void cancelDelivery(GridNode node) throws InterruptedException {
        Job job = node.instance().getJet().getJob(MapNames.DELIVERY_JOB);
        if (job == null) {
            return;
        }
        job.cancel();
        while (!job.getStatus().isTerminal()) {
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** Puts every message in batches, counting them in {@code put}; returns when the last batch was taken. */
    private static long putAll(IMap<MessageKey, ChatMessage> map, List<ChatMessage> messages, AtomicInteger put) {
        Map<MessageKey, ChatMessage> batch = new HashMap<>();
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage message = messages.get(i);
            batch.put(new MessageKey(message.roomId(), message.seq()), message);
            if (batch.size() == PUT_BATCH || i == messages.size() - 1) {
                map.setAll(batch);
                put.addAndGet(batch.size());
                batch.clear();
            }
        }
        return System.nanoTime();
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }
}
