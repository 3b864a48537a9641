package io.gridchat.bench.load;

import io.gridchat.grid.DaemonTimer;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Prints one progress line a second on stderr (rates of the last second, errors, delivery p99 of the
 * measurement so far) and collects the latencies of the whole run. Its own thread reads the stats; {@link
 * #stop()} hands the total over to the caller.
 */
final class ProgressReporter {
    private static final double NANOS_PER_SECOND = 1e9;
    private static final double MICROS_PER_MILLI = 1000.0;

    private final LoadStats stats;
    private final PrintStream out;
    private final long startNanos;
    private final long measureFromNanos;
    private final long sendEndNanos;
    private final ScheduledExecutorService timer = DaemonTimer.named("load-progress");
    private final Histogram total = new Histogram(3);
    private Histogram interval;
    private LoadStats.Counts last;

    ProgressReporter(LoadStats stats, PrintStream out, long startNanos, long measureFromNanos, long sendEndNanos) {
        this.stats = stats;
        this.out = out;
        this.startNanos = startNanos;
        this.measureFromNanos = measureFromNanos;
        this.sendEndNanos = sendEndNanos;
    }

    void start() {
        last = stats.counts();
        timer.scheduleAtFixedRate(this::report, 1, 1, TimeUnit.SECONDS);
    }

    /** Stops reporting and returns every latency recorded in the run, in microseconds. */
    Histogram stop() throws InterruptedException {
        timer.shutdown();
        if (!timer.awaitTermination(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("progress reporter did not stop");
        }
        collect();
        return total;
    }

    private void report() {
        LoadStats.Counts now = stats.counts();
        Histogram latest = collect();
        double seconds = (now.nanos() - last.nanos()) / NANOS_PER_SECOND;
        out.printf(Locale.ROOT, "%6.1fs %-7s sends/s %7.0f  acks/s %7.0f  deliveries/s %8.0f  errors %d  "
                        + "p99 %s ms (last second %s ms)%n",
                (now.nanos() - startNanos) / NANOS_PER_SECOND, phase(now.nanos()),
                (now.sent() - last.sent()) / seconds, (now.acked() - last.acked()) / seconds,
                (now.delivered() - last.delivered()) / seconds, now.errors(),
                p99(total), p99(latest));
        last = now;
    }

    private Histogram collect() {
        interval = stats.intervalLatencies(interval);
        total.add(interval);
        return interval;
    }

    private String phase(long nanos) {
        if (nanos - measureFromNanos < 0) {
            return "warm-up";
        }
        return nanos - sendEndNanos < 0 ? "measure" : "drain";
    }

    private static String p99(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.1f", histogram.getValueAtPercentile(99) / MICROS_PER_MILLI);
    }
}
