package io.gridchat.bench.rooms;

import io.gridchat.bench.load.ApiClient;
import io.gridchat.bench.rooms.RoomStats.Op;
import io.gridchat.bench.ws.WsClient;
import io.gridchat.edge.Json;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
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
    /** One thread reads every connection's answers: the generator shares the 2-core box it measures. */
    private static final int SELECTOR_THREADS = 1;
    /** Answers and room events are small; the largest is a join's answer with the room's recent messages. */
    private static final int MAX_FRAME_BYTES = 1 << 20;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

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
        WsClient client = new WsClient("rooms-ws", SELECTOR_THREADS, MAX_FRAME_BYTES, CONNECT_TIMEOUT);
        ApiClient api = new ApiClient();
        RoomSetup.Prepared prepared = null;
        try {
            LOG.info("{} users over {} edge(s), {} rooms, {} room operations/s, {} active-list requests/s",
                    options.users(), options.edges().size(), options.rooms(), options.rate(), options.activeRate());
            prepared = new RoomSetup(options, api, client).prepare((index, roomIds) -> new RoomConnection(
                    index, roomIds, options.hold(), options.maxHeld(), stats, seed + index));
            ActiveRoomsSampler sampler = new ActiveRoomsSampler(api, options.edgeOf(0),
                    prepared.accounts().get(0).token(), options.activeLimit(), options.activeRate());
            return measure(options, prepared, stats, sampler);
        } finally {
            if (prepared != null) {
                prepared.connections().forEach(RoomConnection::close);
            }
            client.close();
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
