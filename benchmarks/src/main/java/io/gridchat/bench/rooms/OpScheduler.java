package io.gridchat.bench.rooms;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The open model, as the load generator's {@code SendScheduler}: operation k is due at {@code start + k / rate}
 * whatever the server does, on connection k mod connections; the loop wakes about once a millisecond and starts
 * every operation that has come due. Latency counts from the scheduled time, so a stalled generator shows up as
 * latency instead of being hidden (coordinated omission). Runs on the calling thread; one instance per run.
 */
final class OpScheduler {
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final double NANOS_PER_SECOND = 1e9;

    private final List<RoomConnection> connections;
    private final RoomStats stats;
    private final double rate;

    OpScheduler(List<RoomConnection> connections, RoomStats stats, double rate) {
        this.connections = connections;
        this.stats = stats;
        this.rate = rate;
    }

    /** The counters when the measurement began and when operations ended. */
    record Window(RoomStats.Counts start, RoomStats.Counts end) {
        double seconds() {
            return (end.nanos() - start.nanos()) / NANOS_PER_SECOND;
        }
    }

    /** Operates from {@code startNanos} until {@code endNanos}; the window opens at {@code measureFromNanos}. */
    Window run(long startNanos, long measureFromNanos, long endNanos) {
        long total = (long) Math.ceil((endNanos - startNanos) * rate / NANOS_PER_SECOND);
        RoomStats.Counts windowStart = null;
        long op = 0;
        while (op < total) {
            long now = System.nanoTime();
            if (windowStart == null && now - measureFromNanos >= 0) {
                windowStart = stats.counts();
            }
            long due = Math.min(total, (long) ((now - startNanos) * rate / NANOS_PER_SECOND) + 1);
            for (; op < due; op++) {
                connections.get((int) (op % connections.size()))
                        .operate(op, startNanos + (long) (op * NANOS_PER_SECOND / rate));
            }
            long next = startNanos + (long) (op * NANOS_PER_SECOND / rate);
            LockSupport.parkNanos(Math.max(0, Math.min(TICK_NANOS, next - System.nanoTime())));
        }
        while (System.nanoTime() - endNanos < 0) {
            LockSupport.parkNanos(Math.min(TICK_NANOS, endNanos - System.nanoTime()));
        }
        if (windowStart == null) {
            windowStart = stats.counts();
        }
        return new Window(windowStart, stats.counts());
    }
}
