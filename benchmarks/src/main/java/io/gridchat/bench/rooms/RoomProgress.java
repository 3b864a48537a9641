package io.gridchat.bench.rooms;

import io.gridchat.bench.rooms.RoomStats.Op;
import io.gridchat.grid.DaemonTimer;
import java.io.PrintStream;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Prints one progress line a second on stderr (operations and answers of the last second, errors, join, leave
 * and active-list p95 of the last second) and collects the join and leave latencies of the whole run. Its own
 * thread reads the stats; {@link #stop()} hands the totals over to the caller.
 */
final class RoomProgress {
    private static final double NANOS_PER_SECOND = 1e9;
    private static final double MICROS_PER_MILLI = 1000.0;

    private final RoomStats stats;
    private final ActiveRoomsSampler sampler;
    private final PrintStream out;
    private final long startNanos;
    private final long measureFromNanos;
    private final long endNanos;
    private final ScheduledExecutorService timer = DaemonTimer.named("room-ops-progress");
    private final Map<Op, Histogram> totals = new EnumMap<>(Map.of(Op.JOIN, new Histogram(3),
            Op.LEAVE, new Histogram(3)));
    private final Map<Op, Histogram> intervals = new EnumMap<>(Op.class);
    private RoomStats.Counts last;

    RoomProgress(RoomStats stats, ActiveRoomsSampler sampler, PrintStream out, long startNanos,
                 long measureFromNanos, long endNanos) {
        this.stats = stats;
        this.sampler = sampler;
        this.out = out;
        this.startNanos = startNanos;
        this.measureFromNanos = measureFromNanos;
        this.endNanos = endNanos;
    }

    void start() {
        last = stats.counts();
        timer.scheduleAtFixedRate(this::report, 1, 1, TimeUnit.SECONDS);
    }

    /** Stops reporting and returns every join and leave latency recorded in the run, in microseconds. */
    Map<Op, Histogram> stop() throws InterruptedException {
        timer.shutdown();
        if (!timer.awaitTermination(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("progress reporter did not stop");
        }
        collect(Op.JOIN);
        collect(Op.LEAVE);
        return totals;
    }

    private void report() {
        RoomStats.Counts now = stats.counts();
        Histogram joins = collect(Op.JOIN);
        Histogram leaves = collect(Op.LEAVE);
        Histogram active = sampler.interval();
        double seconds = (now.nanos() - last.nanos()) / NANOS_PER_SECOND;
        out.printf(Locale.ROOT, "%6.1fs %-7s ops/s %6.0f  acks/s %6.0f  errors %d  unanswered %d  p95 ms: join %s "
                        + "leave %s active-list %s (last second; join p95 so far %s)%n",
                (now.nanos() - startNanos) / NANOS_PER_SECOND, phase(now.nanos()),
                (now.sent() - last.sent()) / seconds, (now.acked() - last.acked()) / seconds, now.errors(),
                now.sent() - now.answered(), p95(joins), p95(leaves), p95(active), p95(totals.get(Op.JOIN)));
        last = now;
    }

    private Histogram collect(Op op) {
        Histogram interval = stats.intervalLatencies(op, intervals.get(op));
        intervals.put(op, interval);
        totals.get(op).add(interval);
        return interval;
    }

    private String phase(long nanos) {
        if (nanos - measureFromNanos < 0) {
            return "warm-up";
        }
        return nanos - endNanos < 0 ? "measure" : "drain";
    }

    private static String p95(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.1f", histogram.getValueAtPercentile(95) / MICROS_PER_MILLI);
    }
}
