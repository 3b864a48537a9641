package io.gridchat.bench.load;

import io.gridchat.bench.ws.WsClient;
import io.gridchat.edge.Json;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WebSocket load generator for protocol v1 (see {@link LoadOptions#USAGE}): signs users in, joins rooms,
 * sends at a fixed rate whatever the server does, and prints one JSON summary line on stdout; progress goes
 * to stderr. Exit status 0 when the run completed (check {@code consistent}), 1 when it failed, 2 for bad
 * options. Runs on the main thread, which also does the setup and the sending.
 */
public final class LoadGenerator {
    private static final Logger LOG = LoggerFactory.getLogger(LoadGenerator.class);
    private static final long DRAIN_POLL_MILLIS = 100;
    private static final long STORED_POLL_MILLIS = 500;
    /**
     * One thread reads every connection's deliveries: the generator shares the 2-core box it measures, and that
     * thread used 58% of a core for the bare server's 50,000 deliveries a second (RESULTS, session 20).
     */
    private static final int SELECTOR_THREADS = 1;
    /** A resume answers up to 1,000 messages in one frame (~70 KB of load messages); far more is a fault. */
    private static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private LoadGenerator() {
    }

    public static void main(String[] args) {
        if (args.length == 1 && ("--help".equals(args[0]) || "-h".equals(args[0]))) {
            System.err.print(LoadOptions.USAGE);
            System.exit(0);
        }
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(LoadOptions.USAGE);
            System.exit(2);
            return;
        }
        int status = 0;
        try {
            System.out.println(Json.write(run(options).toJson()));
        } catch (Exception e) {
            LOG.error("load run failed", e);
            status = 1;
        }
        System.exit(status);
    }

    static Summary run(LoadOptions options) throws Exception {
        String run = Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
        RoomPlan plan = RoomPlan.of(options);
        ProbeText probe = new ProbeText(run);
        LoadStats stats = new LoadStats();
        WsClient client = new WsClient("load-ws", SELECTOR_THREADS, MAX_FRAME_BYTES, CONNECT_TIMEOUT);
        Setup.Prepared prepared = null;
        try {
            LOG.info("run {}: {} connections over {} edge(s), {} rooms x {} participants, {} sends/s",
                    run, options.connections(), options.edges().size(), options.rooms(), options.participants(),
                    options.rate());
            prepared = new Setup(options, plan, new ApiClient(), client)
                    .prepare(index -> new LoadConnection(index, stats, probe));
            return measure(options, plan, prepared, probe, run, stats);
        } finally {
            if (prepared != null) {
                prepared.connections().forEach(LoadConnection::close);
            }
            client.close();
        }
    }

    private static Summary measure(LoadOptions options, RoomPlan plan, Setup.Prepared prepared, ProbeText probe,
                                   String run, LoadStats stats) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(options.warmupSeconds());
        long sendEnd = measureFrom + TimeUnit.SECONDS.toNanos(options.durationSeconds());
        stats.timeFrom(measureFrom);
        ProgressReporter progress = new ProgressReporter(stats, System.err, start, measureFrom, sendEnd);
        progress.start();
        SendScheduler.Window window = new SendScheduler(prepared.connections(), prepared.roomIds(), plan, probe,
                run, stats, options.rate()).run(start, measureFrom, sendEnd);
        StoredCounter counter = options.mysqlShards().isEmpty() ? null : StoredCounter.open(options.mysqlShards(),
                options.mysqlUser(), options.mysqlPassword(), prepared.roomIds());
        try {
            Long stored = drain(options, stats, counter);
            long drainMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sendEnd);
            Histogram latencies = progress.stop();
            return new Summary(options, window, stats.counts(), drainMillis, stats.errors(), latencies, stored);
        } finally {
            if (counter != null) {
                counter.close();
            }
        }
    }

    /**
     * Waits until every send is answered, every acked message delivered to all participants and, when
     * counted, stored, or until the drain time is up. Returns the stored count (null when not counted).
     */
    private static Long drain(LoadOptions options, LoadStats stats, StoredCounter counter)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.drainSeconds());
        Long stored = null;
        while (true) {
            LoadStats.Counts counts = stats.counts();
            boolean delivered = counts.answered() >= counts.sent()
                    && counts.delivered() >= counts.acked() * options.participants();
            if (delivered && counter != null) {
                stored = counter.count();
            }
            boolean done = delivered && (counter == null || stored >= counts.acked());
            if (done || System.nanoTime() - deadline >= 0) {
                break;
            }
            Thread.sleep(delivered ? STORED_POLL_MILLIS : DRAIN_POLL_MILLIS);
        }
        if (counter != null && stored == null) {
            stored = counter.count();
        }
        return stored;
    }
}
