package io.gridchat.bench.load;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The open model shared by the generators: operation k is due at {@code start + k / rate}, whatever the server
 * does; the loop wakes about once a millisecond and starts every operation that has come due, telling it its
 * scheduled time, so a stalled generator shows up as latency instead of being hidden (coordinated omission).
 * Runs on the calling thread.
 */
public final class OpenModel {
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    public static final double NANOS_PER_SECOND = 1e9;

    /** Starts operation {@code index}, due at {@code scheduledNanos}. */
    @FunctionalInterface
    public interface Operation {
        void start(long index, long scheduledNanos);
    }

    /** The counters when the measurement began and when operations ended. */
    public record Window<C>(C start, C end) {
    }

    private OpenModel() {
    }

    /**
     * Operates at {@code rate} from {@code startNanos} until {@code endNanos}; the window opens at
     * {@code measureFromNanos}, with {@code counts} read at its start and end.
     */
    public static <C> Window<C> run(double rate, long startNanos, long measureFromNanos, long endNanos,
                                    Supplier<C> counts, Operation operation) {
        long total = (long) Math.ceil((endNanos - startNanos) * rate / NANOS_PER_SECOND);
        C windowStart = null;
        long op = 0;
        while (op < total) {
            long now = System.nanoTime();
            if (windowStart == null && now - measureFromNanos >= 0) {
                windowStart = counts.get();
            }
            long due = Math.min(total, (long) ((now - startNanos) * rate / NANOS_PER_SECOND) + 1);
            for (; op < due; op++) {
                operation.start(op, startNanos + (long) (op * NANOS_PER_SECOND / rate));
            }
            long next = startNanos + (long) (op * NANOS_PER_SECOND / rate);
            LockSupport.parkNanos(Math.max(0, Math.min(TICK_NANOS, next - System.nanoTime())));
        }
        while (System.nanoTime() - endNanos < 0) {
            LockSupport.parkNanos(Math.min(TICK_NANOS, endNanos - System.nanoTime()));
        }
        if (windowStart == null) {
            windowStart = counts.get();
        }
        return new Window<>(windowStart, counts.get());
    }
}
