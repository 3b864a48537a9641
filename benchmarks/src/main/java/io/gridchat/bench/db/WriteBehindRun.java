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
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Phase (b): a real grid member built by grid-node ({@link GridNode#start}, the production member configuration but
 * for the write delay) drains a backlog of N messages through MessageMapStore into the shards.
 * <ol>
 * <li>Fill (timed as {@code putSeconds}, not part of the drain): every message goes into the messages map with
 * {@code setAll} batches while the member's write delay ({@link #HOLD_DELAY_SECONDS}) keeps every entry not yet
 * due, so the write-behind queue holds all N and MySQL none (checked).</li>
 * <li>Drain: {@code IMap.flush()} makes every queued entry due; the member's single store worker takes them on
 * its next run (it runs once a second) and writes them exactly as it writes due entries: sorted, in
 * {@code storeAll} batches of grid.writeBatchSize, through the production MapStore. {@code flush} returns after
 * that run has finished, i.e. after the last {@code storeAll} returned, i.e. after its last commit.</li>
 * </ol>
 * The drain is timed from the first row seen in MySQL (the shards are counted every {@value #POLL_MILLIS} ms
 * until then; cheap, the table is empty) to the return of {@code flush}, and the rows counted at that first
 * sighting are left out of the rate: that is the rate of the store worker writing a backlog, comparable with the
 * raw phase's first-statement-to-last-commit. {@code flushSeconds} (flush call to return) also includes the wait,
 * up to 1 s, for the store worker's next run. Called from one thread.
 */
final class WriteBehindRun {
    private static final Logger LOG = LoggerFactory.getLogger(WriteBehindRun.class);
    /** Write delay during the fill: long enough that no entry becomes due before {@code flush}. */
    static final int HOLD_DELAY_SECONDS = 3600;
    private static final int PUT_BATCH = 1000;
    private static final long POLL_MILLIS = 10;
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    /**
     * @param putSeconds      first put to last put (the fill; nothing is written to MySQL meanwhile)
     * @param flushSeconds    flush call to flush return (every row committed); includes the wait for the worker
     * @param firstRowSeconds flush call to the first row seen in MySQL
     * @param firstRows       rows in MySQL when the first row was seen (left out of the drain rate)
     * @param drainSeconds    first row seen to flush return
     */
    record Result(double putSeconds, double flushSeconds, double firstRowSeconds, long firstRows,
                  double drainSeconds) {
    }

    private WriteBehindRun() {
    }

    static Result run(GridchatConfig config, List<ChatMessage> messages, int warmUpRows, BenchDatabase database,
                      boolean deliveryJob) throws InterruptedException {
        try (GridNode node = GridNode.start(config)) {
            Job cancelled = deliveryJob ? null : cancelDelivery(node);
            IMap<MessageKey, ChatMessage> map = node.instance().getMap(MapNames.MESSAGES);
            // Warm-up (untimed), as the raw phase has one: the same path with the first rows, then emptied.
            LOG.info("write-behind warm-up: {} rows", Math.min(warmUpRows, messages.size()));
            putAll(map, messages.subList(0, Math.min(warmUpRows, messages.size())));
            map.flush();
            database.truncateMessages();
            long fillStart = System.nanoTime();
            putAll(map, messages);
            long fillEnd = System.nanoTime();
            long queued = map.getLocalMapStats().getDirtyEntryCount();
            long early = database.countMessages();
            if (early != 0) {
                throw new GridchatException("after the fill " + early + " rows are already in MySQL (and " + queued
                        + " in the write-behind queue); is the write delay longer than the fill?");
            }
            LOG.info("write-behind: {} queued in {} s, flushing", queued, round(seconds(fillStart, fillEnd)));

            AtomicLong flushed = new AtomicLong();
            long start = System.nanoTime();
            CompletableFuture<Void> flush = CompletableFuture.runAsync(() -> {
                map.flush();
                flushed.set(System.nanoTime());
            });
            long firstRow = -1;
            long firstRows = 0;
            long nextReport = start + Duration.ofSeconds(1).toNanos();
            while (!flush.isDone()) {
                long now = System.nanoTime();
                if (now - start > TIMEOUT.toNanos()) {
                    throw new GridchatException("write-behind did not drain " + messages.size() + " rows in "
                            + TIMEOUT);
                }
                if (firstRow < 0) {
                    long rows = database.countMessages();
                    if (rows > 0) {
                        firstRow = System.nanoTime();
                        firstRows = rows;
                    }
                } else if (now >= nextReport) {
                    LOG.info("write-behind: {} in the queue, {} rows in MySQL",
                            map.getLocalMapStats().getDirtyEntryCount(), database.countMessages());
                    nextReport += Duration.ofSeconds(1).toNanos();
                }
                Thread.sleep(POLL_MILLIS);
            }
            flush.join(); // rethrows what failed the flush
            long end = flushed.get();
            if (!deliveryJob) {
                checkStillCancelled(node, cancelled);
            }
            if (firstRow < 0 || firstRow > end) {
                // Drained within one poll interval: no sighting before the end.
                firstRow = start;
                firstRows = 0;
            }
            return new Result(seconds(fillStart, fillEnd), seconds(start, end), seconds(start, firstRow), firstRows,
                    seconds(firstRow, end));
        }
    }

    /**
     * The delivery job reads the messages journal; cancelled, the drain is measured on its own. Returns the
     * cancelled job, null when there was none.
     */
    private static Job cancelDelivery(GridNode node) throws InterruptedException {
        Job job = node.instance().getJet().getJob(MapNames.DELIVERY_JOB);
        if (job == null) {
            return null;
        }
        job.cancel();
        while (!job.getStatus().isTerminal()) {
            Thread.sleep(POLL_MILLIS);
        }
        return job;
    }

    /**
     * Fails the run when a delivery job ran during it after all: its journal reads (and, for the benchmark's
     * rooms without rosters, a MySQL read per room and batch) would have shared the machine with the drain.
     */
    private static void checkStillCancelled(GridNode node, Job cancelled) {
        Job current = node.instance().getJet().getJob(MapNames.DELIVERY_JOB);
        boolean same = current == null || cancelled != null && current.getId() == cancelled.getId();
        if (!same) {
            throw new GridchatException("a delivery job (" + current.getIdString() + ", " + current.getStatus()
                    + ") ran during the measurement although the benchmark had cancelled it");
        }
    }

    /** Puts every message in batches; returns when the last batch was taken. */
    private static void putAll(IMap<MessageKey, ChatMessage> map, List<ChatMessage> messages) {
        Map<MessageKey, ChatMessage> batch = new HashMap<>();
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage message = messages.get(i);
            batch.put(new MessageKey(message.roomId(), message.seq()), message);
            if (batch.size() == PUT_BATCH || i == messages.size() - 1) {
                map.setAll(batch);
                batch.clear();
            }
        }
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
