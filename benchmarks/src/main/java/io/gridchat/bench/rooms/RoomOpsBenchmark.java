package io.gridchat.bench.rooms;

import io.gridchat.bench.load.ApiClient;
import io.gridchat.bench.rooms.RoomStats.Op;
import io.gridchat.edge.Json;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.ee10.websocket.jakarta.client.JakartaWebSocketClientContainer;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Room operations benchmark (see {@link RoomOpsOptions#USAGE}): signs users in, creates many rooms, then joins
 * and leaves random rooms at a fixed rate whatever the server does, while asking for the active-room list a few
 * times a second, and prints one JSON summary line on stdout; progress goes to stderr. Exit status 0 when the
 * run completed (read {@code errors} and {@code unanswered}), 1 when it failed, 2 for bad options. Runs on the
 * main thread, which also does the setup and the scheduling.
 */
public final class RoomOpsBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(RoomOpsBenchmark.class);
    private static final long DRAIN_POLL_MILLIS = 100;
    /** Connections are never idle for long in a run; the margin covers setup and drain. */
    private static final long IDLE_MARGIN_SECONDS = 600;

    private RoomOpsBenchmark() {
    }

    public static void main(String[] args) {
        if (args.length == 1 && ("--help".equals(args[0]) || "-h".equals(args[0]))) {
            System.err.print(RoomOpsOptions.USAGE);
            System.exit(0);
        }
        RoomOpsOptions options;
        try {
            options = RoomOpsOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(RoomOpsOptions.USAGE);
            System.exit(2);
            return;
        }
        int status = 0;
        try {
            System.out.println(Json.write(run(options).toJson()));
        } catch (Exception e) {
            LOG.error("room benchmark failed", e);
            status = 1;
        }
        System.exit(status);
    }

    static RoomOpsSummary run(RoomOpsOptions options) throws Exception {
        long seed = ThreadLocalRandom.current().nextLong();
        RoomStats stats = new RoomStats();
        // An own thread pool, stopped last, as in the load generator.
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("rooms-ws");
        threads.start();
        HttpClient http = new HttpClient();
        http.setExecutor(threads);
        http.start();
        JakartaWebSocketClientContainer container = new JakartaWebSocketClientContainer(http);
        container.setDefaultMaxSessionIdleTimeout(TimeUnit.SECONDS.toMillis(options.warmupSeconds()
                + options.durationSeconds() + options.drainSeconds() + IDLE_MARGIN_SECONDS));
        container.start();
        ApiClient api = new ApiClient();
        RoomSetup.Prepared prepared = null;
        try {
            LOG.info("{} users over {} edge(s), {} rooms, {} room operations/s, {} active-list requests/s",
                    options.users(), options.edges().size(), options.rooms(), options.rate(), options.activeRate());
            prepared = new RoomSetup(options, api, container).prepare((index, roomIds) -> new RoomConnection(
                    index, roomIds, options.hold(), options.maxHeld(), stats, seed + index));
            ActiveRoomsSampler sampler = new ActiveRoomsSampler(api, options.edgeOf(0),
                    prepared.accounts().get(0).token(), options.activeLimit(), options.activeRate());
            return measure(options, prepared, stats, sampler);
        } finally {
            if (prepared != null) {
                prepared.connections().forEach(RoomConnection::close);
            }
            container.stop();
            http.stop();
            threads.stop();
        }
    }

    private static RoomOpsSummary measure(RoomOpsOptions options, RoomSetup.Prepared prepared, RoomStats stats,
                                          ActiveRoomsSampler sampler) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(options.warmupSeconds());
        long end = measureFrom + TimeUnit.SECONDS.toNanos(options.durationSeconds());
        stats.timeFrom(measureFrom);
        RoomProgress progress = new RoomProgress(stats, sampler, System.err, start, measureFrom, end);
        progress.start();
        sampler.start(measureFrom);
        OpScheduler.Window window = new OpScheduler(prepared.connections(), stats, options.rate())
                .run(start, measureFrom, end);
        sampler.stop();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.drainSeconds());
        while ((sampler.unanswered() > 0
                || prepared.connections().stream().anyMatch(connection -> connection.unanswered() > 0))
                && System.nanoTime() - deadline < 0) {
            Thread.sleep(DRAIN_POLL_MILLIS);
        }
        long drainMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - end);
        Map<Op, Histogram> latencies = progress.stop();
        return new RoomOpsSummary(options, window, stats, drainMillis, latencies, sampler.result());
    }
}
