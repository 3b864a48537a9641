package io.gridchat.bench.rooms;

import io.gridchat.bench.load.OpenModel;
import java.util.List;

/**
 * Room operations in the {@link OpenModel}: operation k on connection k mod connections, latency counted from its
 * scheduled time. Runs on the calling thread; one instance per run.
 */
final class OpScheduler {
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
            return (end.nanos() - start.nanos()) / OpenModel.NANOS_PER_SECOND;
        }
    }

    /** Operates from {@code startNanos} until {@code endNanos}; the window opens at {@code measureFromNanos}. */
    Window run(long startNanos, long measureFromNanos, long endNanos) {
        OpenModel.Window<RoomStats.Counts> window = OpenModel.run(rate, startNanos, measureFromNanos, endNanos,
                stats::counts, (op, scheduledNanos) -> connections.get((int) (op % connections.size()))
                        .operate(op, scheduledNanos));
        return new Window(window.start(), window.end());
    }
}
