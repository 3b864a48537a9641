package io.gridchat.bench.load;

import io.gridchat.edge.Json;
import java.util.List;

/**
 * Sends in the {@link OpenModel}: send k is due at {@code start + k / rate}; each message carries its scheduled
 * time, not the time the loop got to it. Runs on the calling thread; one instance per run.
 */
final class SendScheduler {
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
            return (end.nanos() - start.nanos()) / OpenModel.NANOS_PER_SECOND;
        }
    }

    /** Sends from {@code startNanos} until {@code endNanos}; the window opens at {@code measureFromNanos}. */
    Window run(long startNanos, long measureFromNanos, long endNanos) {
        OpenModel.Window<LoadStats.Counts> window = OpenModel.run(rate, startNanos, measureFromNanos, endNanos,
                stats::counts, this::send);
        return new Window(window.start(), window.end());
    }

    private void send(long send, long scheduledNanos) {
        int room = plan.roomOfSend(send);
        String frame = Json.write(Json.object().put("type", "send").put("id", LoadConnection.sendId(send))
                .put("room", roomIds.get(room)).put("text", probe.text(scheduledNanos, send))
                .put("clientMsgId", run + "-" + send));
        connections.get(plan.senderOfSend(send)).send(frame);
    }
}
