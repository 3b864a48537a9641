package io.gridchat.bench.load;

import io.gridchat.edge.Json;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The open model: send k is due at {@code start + k / rate}, whatever the server does; the loop wakes about
 * once a millisecond and writes every send that has come due. Each message carries its scheduled time, not
 * the time the loop got to it, so a stalled generator shows up as latency instead of being hidden
 * (coordinated omission). Runs on the calling thread; one instance per run.
 */
final class SendScheduler {
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final double NANOS_PER_SECOND = 1e9;

    private final List<LoadConnection> connections;
    private final List<String> roomIds;
    private final RoomPlan plan;
    private final ProbeText probe;
    private final String run;
    private final LoadStats stats;
    private final double rate;

    SendScheduler(List<LoadConnection> connections, List<String> roomIds, RoomPlan plan, ProbeText probe, String run,
                  LoadStats stats, double rate) {
        this.connections = connections;
        this.roomIds = roomIds;
        this.plan = plan;
        this.probe = probe;
        this.run = run;
        this.stats = stats;
        this.rate = rate;
    }

    /** The counters when the measurement began and when sending ended. */
    record Window(LoadStats.Counts start, LoadStats.Counts end) {
        double seconds() {
            return (end.nanos() - start.nanos()) / NANOS_PER_SECOND;
        }
    }

    /**
     * Sends from {@code startNanos} until {@code endNanos}; the window opens at {@code measureFromNanos}.
     */
    Window run(long startNanos, long measureFromNanos, long endNanos) {
        long total = (long) Math.ceil((endNanos - startNanos) * rate / NANOS_PER_SECOND);
        LoadStats.Counts windowStart = null;
        long send = 0;
        while (send < total) {
            long now = System.nanoTime();
            if (windowStart == null && now - measureFromNanos >= 0) {
                windowStart = stats.counts();
            }
            long due = Math.min(total, (long) ((now - startNanos) * rate / NANOS_PER_SECOND) + 1);
            for (; send < due; send++) {
                send(send, startNanos + (long) (send * NANOS_PER_SECOND / rate));
            }
            long next = startNanos + (long) (send * NANOS_PER_SECOND / rate);
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

    private void send(long send, long scheduledNanos) {
        int room = plan.roomOfSend(send);
        String frame = Json.write(Json.object().put("type", "send").put("id", LoadConnection.sendId(send))
                .put("room", roomIds.get(room)).put("text", probe.text(scheduledNanos, send))
                .put("clientMsgId", run + "-" + send));
        connections.get(plan.senderOfSend(send)).send(frame);
    }
}
